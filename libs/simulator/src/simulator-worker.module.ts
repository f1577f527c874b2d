import { Module } from '@nestjs/common';
import { SimulatorModule } from './simulator.module';
import { SimulatorProcessor } from './simulator.processor';

/** The simulator's BullMQ processor; only apps/worker imports it. */
@Module({ imports: [SimulatorModule], providers: [SimulatorProcessor] })
export class SimulatorWorkerModule {}
