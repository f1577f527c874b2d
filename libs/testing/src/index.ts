export * from './postgres-admin';
export * from './test-database';
export * from './test-config';
export * from './api-harness';
export * from './graphql-client';
export * from './user-factory';
export * from './worker-harness';
export * from './process/worker-process';
