import { Processor } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock, quarterOf } from '@lib/common';
import { ReconciliationRequests } from './outbox/reconciliation-requests';
import { AppConfig } from '@lib/config';
import { JobProcessor, QUEUE_DEFINITIONS, QueueName, type JobData, type JobHandlers } from '@lib/queue';
import { RelevanceRereadQueue } from '@lib/claims';
import { JurisdictionsService } from '@lib/reference';
import { ReconciliationService, type StateReconcileSummary } from './reconciliation.service';

type ReconcileStateJob = JobData<QueueName.RECONCILIATION, 'reconcile-state'>;

/**
 * Re-runs one state's reconciliation after a change of terms or participation, under the
 * state's advisory lock (submissions of that state wait), stamping the deltas with the quarter
 * of the change (rebate-rules section 7), and completes the reconciliation request (outbox row)
 * in the same transaction. Running it twice appends nothing the second time. The sweep job
 * re-enqueues requests whose enqueue was lost (RECONCILIATION_SWEEP_MINUTES).
 */
@Processor(QueueName.RECONCILIATION, { concurrency: QUEUE_DEFINITIONS[QueueName.RECONCILIATION].concurrency })
export class ReconciliationProcessor extends JobProcessor<QueueName.RECONCILIATION> {
  readonly queueName = QueueName.RECONCILIATION;
  protected readonly handlers: JobHandlers<QueueName.RECONCILIATION> = {
    'reconcile-state': (job: Job<ReconcileStateJob>) => this.reconcile(job.data),
    'sweep-reconciliation-requests': () => this.requests.sweep(this.config.reconciliation.sweepAfterMinutes),
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reconciliation: ReconciliationService,
    private readonly jurisdictions: JurisdictionsService,
    private readonly clock: Clock,
    private readonly requests: ReconciliationRequests,
    private readonly config: AppConfig,
    private readonly rereads: RelevanceRereadQueue,
  ) {
    super();
  }

  private async reconcile(
    data: ReconcileStateJob,
  ): Promise<Omit<StateReconcileSummary, 'ledgerSum'> & { ledgerSum: string }> {
    const jurisdiction = await this.jurisdictions.findJurisdiction(data.stateCode);
    if (!jurisdiction) throw new UnrecoverableError(`Unknown state ${data.stateCode}`);
    const [reconciled] = await this.dataSource.transaction((manager) =>
      this.reconciliation.reconcileStateLocked(
        manager,
        [{ stateCode: jurisdiction.uspsCode, stateFips: jurisdiction.fipsCode }],
        {
          type: data.causeType,
          id: data.causeId,
          serviceQuarter: quarterOf(this.clock.today()),
          requestId: data.requestId,
        },
      ),
    );
    if (!reconciled) throw new Error(`State ${data.stateCode} was not reconciled`);
    // An executed amendment may widen what matters in claim files (a benchmark prefix outside
    // D57): the stored files loaded before are re-read (README "Claim files"). Enqueued from this
    // job, which the outbox of the amendment's transaction guarantees; the claims sweep catches a
    // lost enqueue.
    if (data.causeType === 'AMENDMENT') await this.rereads.enqueueWhereWidened();
    return { ...reconciled.summary, ledgerSum: reconciled.summary.ledgerSum.toFixed(2) };
  }
}
