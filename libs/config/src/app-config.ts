import { resolve } from 'node:path';
import { ConfigError, validateEnvironment, type EnvironmentVariables, type QueueBackendKind } from './environment';

/** Typed, validated configuration; the only way code reads settings. */
export class AppConfig {
  readonly env: string;
  readonly database: { url: string };
  readonly queue: {
    backend: QueueBackendKind;
    redisUrl: string | null;
    prefix: string;
    postgresSchema: string;
    workerConcurrency: number;
    scheduleCheckSeconds: number;
  };
  readonly auth: { jwtSecret: string; jwtTtlSeconds: number; loginMaxFailures: number; loginLockSeconds: number };
  readonly api: {
    port: number;
    host: string;
    maxUploadBytes: number;
    disputeDocumentMaxBytes: number;
    graphqlMaxDepth: number;
    graphqlMaxComplexity: number;
    graphqlMaxTokens: number;
    graphqlMaxAliases: number;
    graphqlMaxRootFields: number;
    /** Processes sharing the port (cluster); 0 = one per core. */
    processes: number;
    /** Whether responses carry `x-sql-statements`. */
    sqlCountHeader: boolean;
    /** Bytes of whole answers each API process may keep (0: no read cache). */
    readCacheBytes: number;
  };
  /** Browser sessions: the app's own origin and other origins allowed to send cookie-authorized changes. */
  readonly web: { publicOrigin: string | null; allowedOrigins: string[] };
  readonly storageDir: string;
  /** The built portal served at / (index.html and assets/); absent files mean no portal. */
  readonly portalDir: string;
  readonly logLevel: string;
  /** Where log lines go: a file (appended) or, when null, stdout. */
  readonly logFile: string | null;
  readonly claims: {
    recordProblemLimitPct: number;
    maxTextBytes: number;
    maxGzipRatio: number;
    maxSeconds: number;
    /** Record-level problems listed per file (CLAIM_FILE_MAX_PROBLEMS). */
    maxProblems: number;
    enqueueTimeoutMs: number;
    sweepAfterSeconds: number;
  };
  readonly episodeRefKey: string;
  readonly statements: { autoIssue: boolean; autoIssueDays: number };
  readonly reconciliation: { sweepAfterMinutes: number };
  readonly fixedTime: string | null;

  constructor(env: EnvironmentVariables) {
    this.env = env.NODE_ENV;
    this.database = { url: env.DATABASE_URL };
    this.queue = {
      backend: env.QUEUE_BACKEND,
      redisUrl: env.REDIS_URL ?? null,
      prefix: env.QUEUE_PREFIX,
      postgresSchema: env.BULLMQ_PG_SCHEMA,
      workerConcurrency: env.WORKER_CONCURRENCY,
      scheduleCheckSeconds: env.JOB_SCHEDULE_CHECK_SECONDS,
    };
    this.auth = {
      jwtSecret: env.JWT_SECRET,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      loginLockSeconds: env.LOGIN_LOCK_SECONDS,
    };
    this.api = {
      port: env.API_PORT,
      host: env.API_HOST,
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      disputeDocumentMaxBytes: env.DISPUTE_DOCUMENT_MAX_BYTES,
      graphqlMaxDepth: env.GRAPHQL_MAX_DEPTH,
      graphqlMaxComplexity: env.GRAPHQL_MAX_COMPLEXITY,
      graphqlMaxTokens: env.GRAPHQL_MAX_TOKENS,
      graphqlMaxAliases: env.GRAPHQL_MAX_ALIASES,
      graphqlMaxRootFields: env.GRAPHQL_MAX_ROOT_FIELDS,
      processes: env.API_PROCESSES,
      sqlCountHeader: env.API_SQL_COUNT_HEADER,
      readCacheBytes: env.API_READ_CACHE_MB * 1024 * 1024,
    };
    this.web = {
      publicOrigin: env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : null,
      allowedOrigins: (env.API_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '')
        .map((origin) => new URL(origin).origin),
    };
    this.storageDir = resolve(env.STORAGE_DIR);
    this.portalDir = resolve(env.PORTAL_DIR);
    this.logLevel = env.LOG_LEVEL;
    this.logFile = env.LOG_FILE ? resolve(env.LOG_FILE) : null;
    this.claims = {
      recordProblemLimitPct: env.RECORD_PROBLEM_LIMIT_PCT,
      maxTextBytes: env.CLAIM_FILE_MAX_TEXT_BYTES,
      maxGzipRatio: env.CLAIM_FILE_MAX_GZIP_RATIO,
      maxSeconds: env.CLAIM_FILE_MAX_SECONDS,
      maxProblems: env.CLAIM_FILE_MAX_PROBLEMS,
      enqueueTimeoutMs: env.CLAIM_ENQUEUE_TIMEOUT_MS,
      sweepAfterSeconds: env.CLAIM_SWEEP_AFTER_SECONDS,
    };
    this.episodeRefKey = env.EPISODE_REF_KEY;
    this.statements = { autoIssue: env.STATEMENT_AUTO_ISSUE, autoIssueDays: env.STATEMENT_AUTO_ISSUE_DAYS };
    this.reconciliation = { sweepAfterMinutes: env.RECONCILIATION_SWEEP_MINUTES };
    this.fixedTime = env.FIXED_TIME ?? null;
  }
}

export function loadConfig(raw: Record<string, unknown> = process.env): AppConfig {
  return new AppConfig(validateEnvironment(raw));
}

/**
 * For process entry points: the validated config, or a message naming every bad variable on
 * stderr and exit code 78 (EX_CONFIG).
 */
export function loadConfigOrExit(processName: string, raw: Record<string, unknown> = process.env): AppConfig {
  try {
    return loadConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${processName}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
