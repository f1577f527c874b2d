import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { destination } from 'pino';
import type { DynamicModule } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { safeError } from './safe-error';

/** Header paths that must never reach a log line. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

/**
 * Structured JSON logs (pino) carrying the request or job id (style.md habit 9). Bodies, query
 * strings, SQL parameters and database error details are never logged: they may carry
 * beneficiary ids (every `err` goes through safeError).
 */
export function loggingModule(level: string, http: boolean, file: string | null = null): DynamicModule {
  const options = {
    level,
    redact: { paths: REDACT, remove: true },
    // Serializers get the raw values: pino-http would otherwise hand `err` to ours already
    // flattened with every property of the error (SQL parameters included).
    wrapSerializers: false,
    mixin: () => {
      const { requestId, jobId, queue } = RequestContext.current();
      return { requestId, jobId, queue };
    },
    autoLogging: http ? { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false } : false,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const header = req.headers['x-request-id'];
      const id = typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Errors lose everything but type, message, SQLSTATE and schema names (safe-error.ts).
      err: safeError,
    },
  };
  // A file is written synchronously: the last lines before a crash are the ones that matter.
  return LoggerModule.forRoot({
    pinoHttp: file ? [options, destination({ dest: file, append: true, mkdir: true, sync: true })] : options,
  });
}

/** Express middleware: the request id for audit rows and log lines, and the client address. */
export function requestContextMiddleware(
  req: IncomingMessage & { id?: unknown; ip?: string },
  res: ServerResponse,
  next: () => void,
): void {
  const header = req.headers['x-request-id'];
  const requestId = typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
  req.headers['x-request-id'] = requestId;
  RequestContext.run({ requestId, clientAddress: req.ip ?? req.socket.remoteAddress }, next);
}

/**
 * Adds `x-sql-statements` to a response: the SQL statements its request ran (API_SQL_COUNT_HEADER;
 * tests assert bounded counts with it, the API bench prints it). Mount after requestContextMiddleware.
 */
export function sqlStatementCountMiddleware(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const context = RequestContext.current();
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = (...args: unknown[]) => {
    if (!res.headersSent) res.setHeader('x-sql-statements', String(context.sqlStatements ?? 0));
    return writeHead(...args);
  };
  next();
}
