export * from './rules';
export * from './entities';
export { STATEMENT_ENTITIES } from './statement-entities';
export { StatementStatusStore } from './statement-status.store';
export { StatementsModule } from './statements.module';
export * from './statements.errors';
