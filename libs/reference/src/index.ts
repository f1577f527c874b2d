export * from './ndc';
export * from './reference.entities';
export * from './reference.errors';
export * from './reference.service';
export * from './reference.module';
export * from './graphql/reference.model';
export * from './graphql/reference.loaders';
export * from './graphql/reference-graphql.module';
