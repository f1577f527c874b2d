import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobProcessor, QueueName, type JobData, type JobHandlers } from '@lib/queue';
import { SimulationsService } from './simulations.service';

/**
 * Runs term-sheet simulations off the API process, so the API never computes them (README
 * "Term-sheet simulator", API). The job carries the simulation id only; the spec is read from its
 * row, and the result is stored once.
 */
@Processor(QueueName.SIMULATOR)
export class SimulatorProcessor extends JobProcessor<QueueName.SIMULATOR> {
  readonly queueName = QueueName.SIMULATOR;
  protected readonly handlers: JobHandlers<QueueName.SIMULATOR> = {
    'run-simulation': (job) => this.runSimulation(job),
  };

  constructor(private readonly simulations: SimulationsService) {
    super();
  }

  private async runSimulation(job: Job): Promise<{ status: string }> {
    const { simulationId } = job.data as JobData<QueueName.SIMULATOR, 'run-simulation'>;
    const status = await this.simulations.run(simulationId, (done, total) => {
      void job.updateProgress(Math.round((done / total) * 100));
    });
    return { status };
  }
}
