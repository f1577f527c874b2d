export * from './snake-naming.strategy';
export * from './data-source-options';
export * from './advisory-lock';
export * from './database.module';
export * from './pg-errors';
export * from './query-batches';
export * from './safe-query-logger';
