export * from './rules';
export * from './episode-ref';
export * from './episode.entity';
export * from './reconciliation.service';
export * from './reconciliation.module';
export * from './reconciliation-worker.module';
