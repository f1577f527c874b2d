export * from './queue-definitions';
export * from './queue-connection';
export * from './queue.module';
export * from './job-queue.service';
export * from './job-processor';
export * from './handler-coverage';
export * from './job-schedules';
