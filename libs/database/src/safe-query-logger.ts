import { createHash } from 'node:crypto';
import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeormLogger } from 'typeorm';
import { RequestContext, safeError } from '@lib/common';
import { pgErrorCode, PG_QUERY_CANCELED } from './pg-errors';

/**
 * What a log line may say about a statement: its verb and first table, and a short hash of its
 * text to tell statements apart. Never its parameters or literal text, which may carry an
 * observation's evidence, a beneficiary id or a password hash.
 */
export function statementSummary(query: string): string {
  const head =
    /^\s*(WITH|SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|DECLARE|FETCH|CREATE|ALTER|DROP|SET|BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION)\b\s*("?[A-Za-z_][\w."]*)?/i.exec(
      query,
    );
  const target = head?.[2]?.replace(/"/g, '');
  const verb = head ? `${head[1].replace(/\s+/g, ' ').toUpperCase()}${target ? ` ${target}` : ''}` : 'SQL';
  const hash = createHash('sha256').update(query).digest('hex').slice(0, 12);
  return `${verb} #${hash}`;
}

/**
 * A statement stopped by pg_cancel_backend (SQLSTATE 57014 is also a statement_timeout's). TypeORM
 * passes the driver's error here (a QueryFailedError only reaches the caller).
 */
function cancelledOnRequest(error: string | Error): boolean {
  if (typeof error === 'string') return false;
  const code = pgErrorCode(error) ?? (error as { code?: unknown }).code;
  return code === PG_QUERY_CANCELED && /canceling statement due to user request/.test(error.message);
}

/**
 * TypeORM's logger for the apps, the worker and the CLI (README "Security"): TypeORM's own
 * loggers print every failed (and slow) statement with its parameters. This one logs a summary
 * of the statement and the redacted error, and never a parameter; single queries are not logged.
 */
export class SafeQueryLogger implements TypeormLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Every statement passes here; logging them would be noise and their text may hold literals.
    // Counted per request instead (x-sql-statements).
    RequestContext.countSqlStatement();
  }

  logQueryError(error: string | Error, query: string): void {
    if (cancelledOnRequest(error)) {
      // pg_cancel_backend: the platform's own (the merge of closed years giving way to a claim
      // file) or an operator's; the caller reports what it means. A statement_timeout still warns.
      this.logger.log({ statement: statementSummary(query) }, 'Query cancelled on request');
      return;
    }
    // Already redacted here, and not under `err` (which the log serializer redacts itself): without
    // a pino logger (the migration runner) Nest's console logger prints objects as they are.
    const redacted = typeof error === 'string' ? { type: 'Error', message: '[withheld]' } : safeError(error);
    this.logger.warn({ statement: statementSummary(query), error: redacted }, 'Query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ statement: statementSummary(query), ms: time }, 'Query is slow');
  }

  logSchemaBuild(): void {
    // Schema-build chatter (migrations found, loaded) is not worth a line.
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : '[database message withheld]';
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}
