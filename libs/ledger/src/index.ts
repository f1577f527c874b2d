export * from './statement-quarter';
export * from './ledger-entry.entity';
export * from './ledger.service';
export * from './ledger.module';
export * from './statement-drafts.port';
