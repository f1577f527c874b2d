import { Extensions } from '@nestjs/graphql';

/** The schema extension that marks a Query field as answerable from the read cache. */
export const CACHED_READ_EXTENSION = 'cachedRead';

/**
 * Marks a Query field whose answer depends only on Postgres rows, the caller and today's date
 * (never on Redis, the time of day or anything outside the database), so that the API may answer
 * a repeat of the same operation by the same user from its read cache (docs/architecture.md, "Read
 * cache"). Any write to the database empties the cache.
 */
export const CachedRead = (): MethodDecorator & ClassDecorator & PropertyDecorator =>
  Extensions({ [CACHED_READ_EXTENSION]: true });
