export * from './engine';
export * from './simulation.entity';
export * from './simulations.service';
export * from './simulator.module';
export * from './simulator-worker.module';
export * from './simulator.processor';
export * from './simulator.errors';
export * from './graphql/simulator-graphql.module';
