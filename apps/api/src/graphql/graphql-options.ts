import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { createGraphqlContext, formatGraphqlError, type Clock } from '@lib/common';
import type { ActorResolver } from '@lib/auth';
import type { AppConfig } from '@lib/config';
import type { DataSource } from 'typeorm';
import { CatalogBounds } from './catalog-bounds';
import { introspectionForSignedInUsers } from './introspection-access';
import { noStorePlugin } from './no-store.plugin';
import { complexityLimitPlugin, operationShapeRule } from './query-limits';
import type { ReadCache } from './read-cache/read-cache';
import { readCachePlugin } from './read-cache/read-cache.plugin';

/**
 * Apollo Server behind Nest, code-first. No GraphiQL page and no Apollo landing page (both load
 * from CDNs); the offline console at /console replaces them.
 */
export function graphqlOptions(
  config: AppConfig,
  actors: ActorResolver,
  dataSource: DataSource,
  readCache: ReadCache,
  clock: Clock,
): Omit<ApolloDriverConfig, 'driver'> {
  const catalog = new CatalogBounds(dataSource);
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    playground: false,
    // Answered to signed-in users only (introspectionForSignedInUsers).
    introspection: true,
    includeStacktraceInErrorResponses: false,
    buildSchemaOptions: { numberScalarMode: 'integer', dateScalarMode: 'isoDate' },
    context: createGraphqlContext,
    formatError: formatGraphqlError,
    // Limits refuse an operation before it runs (query-limits.ts): size at parse time, shape while
    // validating, estimated cost once the operation and its variables are known (the catalog lists
    // sized by what exists).
    parseOptions: { maxTokens: config.api.graphqlMaxTokens },
    validationRules: [
      operationShapeRule({
        maxDepth: config.api.graphqlMaxDepth,
        maxAliases: config.api.graphqlMaxAliases,
        maxRootFields: config.api.graphqlMaxRootFields,
      }),
    ],
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      introspectionForSignedInUsers(actors),
      complexityLimitPlugin(config.api.graphqlMaxComplexity, () => catalog.current()),
      // After the limits: a refused operation is never looked up.
      readCachePlugin(readCache, actors, clock),
    ],
  };
}
