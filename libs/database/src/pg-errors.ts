import { QueryFailedError } from 'typeorm';

/** Postgres SQLSTATEs that services translate into domain errors (never a masked 500). */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
/** A statement cancelled (pg_cancel_backend, statement_timeout). */
export const PG_QUERY_CANCELED = '57014';

/** The SQLSTATE of a failed query, or undefined for anything else. */
export function pgErrorCode(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError: unknown = error.driverError;
  if (driverError && typeof driverError === 'object' && 'code' in driverError) {
    const code = driverError.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
