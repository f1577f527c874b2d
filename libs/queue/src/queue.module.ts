import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@lib/config';
import { ALL_QUEUES, QUEUE_DEFINITIONS } from './queue-definitions';
import { queueConnection } from './queue-connection';
import { JobQueue } from './job-queue.service';

/** Registers every queue of QUEUE_DEFINITIONS on the configured backend. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: queueConnection(config), prefix: config.queue.prefix }),
    }),
    BullModule.registerQueue(
      ...ALL_QUEUES.map((name) => ({ name, defaultJobOptions: QUEUE_DEFINITIONS[name].defaultJobOptions })),
    ),
  ],
  providers: [JobQueue],
  exports: [BullModule, JobQueue],
})
export class QueueModule {}
