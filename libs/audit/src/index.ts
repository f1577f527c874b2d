export * from './audit-event.entity';
export * from './audit.service';
export * from './audit.module';
export * from './graphql/audit-event.model';
export * from './graphql/audit-graphql.module';
