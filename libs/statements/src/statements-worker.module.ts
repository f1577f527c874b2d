import { Module } from '@nestjs/common';
import { StatementsModule } from './statements.module';
import { StatementsProcessor } from './statements.processor';

/** The statements library's BullMQ processors; only apps/worker imports it. */
@Module({ imports: [StatementsModule], providers: [StatementsProcessor] })
export class StatementsWorkerModule {}
