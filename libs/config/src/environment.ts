import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';

export enum QueueBackendKind {
  REDIS = 'redis',
  POSTGRES = 'postgres',
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
/** scheme://host[:port]: no path, no trailing slash (AppConfig normalises the case). */
const ORIGIN_PATTERN = 'https?://[A-Za-z0-9.-]+(?::\\d{1,5})?';
const ORIGIN = new RegExp(`^${ORIGIN_PATTERN}$`, 'i');
const ORIGIN_LIST = new RegExp(`^${ORIGIN_PATTERN}(?:\\s*,\\s*${ORIGIN_PATTERN})*$`, 'i');
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * Every environment variable the processes read, with its rule (style.md habit 9). A missing or
 * malformed value stops the process with a message that names it.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  @IsEnum(QueueBackendKind, { message: 'QUEUE_BACKEND must be "redis" or "postgres"' })
  QUEUE_BACKEND: QueueBackendKind = QueueBackendKind.REDIS;

  @ValidateIf((env: EnvironmentVariables) => env.QUEUE_BACKEND === QueueBackendKind.REDIS)
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL (required when QUEUE_BACKEND=redis)' })
  REDIS_URL?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX: string = 'cgt';

  @IsString()
  @Matches(/^[a-z_][a-z0-9_]{0,40}$/, { message: 'BULLMQ_PG_SCHEMA must be a lower-case SQL identifier' })
  BULLMQ_PG_SCHEMA: string = 'bullmq';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS: number = 8 * 3600;

  @IsString()
  @MinLength(32, { message: 'EPISODE_REF_KEY must be at least 32 characters (it keys the episode pseudonyms)' })
  EPISODE_REF_KEY!: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT: number = 3000;

  /**
   * API processes sharing the port (Node's cluster module): 1 runs in-process, 0 one per
   * CPU core. Nothing is shared in memory between them (sessions and throttles are in Postgres,
   * DataLoaders per request).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(64)
  API_PROCESSES: number = 1;

  /** Adds `x-sql-statements` (SQL statements the request ran) to every API response: tests and benches. */
  @Transform(toBool)
  @IsBoolean()
  API_SQL_COUNT_HEADER: boolean = false;

  /**
   * Memory for the read cache of each API process, in MiB (docs/architecture.md, "Read cache"):
   * whole answers of repeated queries, emptied by every committed database change. 0 turns it off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(4096)
  API_READ_CACHE_MB: number = 64;

  @IsString()
  @IsNotEmpty()
  API_HOST: string = '0.0.0.0';

  @IsString()
  @IsNotEmpty()
  STORAGE_DIR: string = './var/claim-files';

  /** The built portal (index.html and assets/), served at / by the API; relative to the working directory. */
  @IsString()
  @IsNotEmpty()
  PORTAL_DIR: string = './dist/portal';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Append the JSON log lines to this file (its folder is created) instead of writing them to stdout. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  LOG_FILE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  RECORD_PROBLEM_LIMIT_PCT: number = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_UPLOAD_BYTES: number = 50 * 1024 ** 3;

  /** Largest supporting document of a dispute uploaded over HTTP (multipart). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100 * 1024 ** 2)
  DISPUTE_DOCUMENT_MAX_BYTES: number = 10 * 1024 ** 2;

  /** Bytes of text one claim file may hold after gunzip. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CLAIM_FILE_MAX_TEXT_BYTES: number = 64 * 1024 ** 3;

  /** How many times a gzip claim file may expand (T-MSIS text compresses 5-15 times; a bomb 1,000). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  CLAIM_FILE_MAX_GZIP_RATIO: number = 100;

  /** Seconds the worker may spend reading one claim file before rejecting it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CLAIM_FILE_MAX_SECONDS: number = 3600;

  /** Record-level problems kept (listed) per claim file; further ones are counted only. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CLAIM_FILE_MAX_PROBLEMS: number = 1_000_000;

  /** Milliseconds an upload waits for the queue after its commit; then the sweep enqueues it. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  CLAIM_ENQUEUE_TIMEOUT_MS: number = 3000;

  /** Seconds a submission may stay RECEIVED before the sweep enqueues it again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  CLAIM_SWEEP_AFTER_SECONDS: number = 60;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH: number = 12;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COMPLEXITY: number = 20000;

  /** Tokens of one GraphQL document (checked while parsing, before anything else). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_TOKENS: number = 5000;

  /** Aliases in one operation (fragments counted once per use). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  GRAPHQL_MAX_ALIASES: number = 30;

  /** Fields at the root of one operation (each one is a resolver with its own database work). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ROOT_FIELDS: number = 20;

  /** Sign-in attempts in a row per email and client address before each further one waits. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES: number = 5;

  /** The longest wait between two throttled sign-in attempts (the wait starts at 15 s and doubles). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_SECONDS: number = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  WORKER_CONCURRENCY: number = 2;

  @Transform(toBool)
  @IsBoolean()
  STATEMENT_AUTO_ISSUE: boolean = true;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(366)
  STATEMENT_AUTO_ISSUE_DAYS: number = 60;

  /** Seconds between the worker's checks that its recurring jobs still exist (re-created if not). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOB_SCHEDULE_CHECK_SECONDS: number = 60;

  /** Minutes after which a reconciliation request not completed is enqueued again by the sweeper. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  RECONCILIATION_SWEEP_MINUTES: number = 5;

  /**
   * The origin browsers reach the app at (scheme://host[:port]), e.g. https://cgt.example.gov.
   * Set it behind a proxy that changes the Host header; without it the request's own origin is used.
   */
  @IsOptional()
  @Matches(ORIGIN, { message: 'PUBLIC_ORIGIN must be an origin such as https://cgt.example.gov (no path)' })
  PUBLIC_ORIGIN?: string;

  /** More origins whose pages may send cookie-authorized changes (comma-separated origins). */
  @IsOptional()
  @Matches(ORIGIN_LIST, {
    message:
      'API_ALLOWED_ORIGINS must be a comma-separated list of origins such as https://a.example,https://b.example',
  })
  API_ALLOWED_ORIGINS?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, { message: 'FIXED_TIME must be an ISO date or UTC instant' })
  FIXED_TIME?: string;
}

/** Variables without a default are not own properties of a fresh instance, so list them. */
const ENVIRONMENT_KEYS = [
  ...Object.keys(new EnvironmentVariables()),
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'EPISODE_REF_KEY',
  'FIXED_TIME',
  'PUBLIC_ORIGIN',
  'API_ALLOWED_ORIGINS',
  'LOG_FILE',
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates raw variables; throws ConfigError naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const picked: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_KEYS) {
    if (raw[key] !== undefined && raw[key] !== '') picked[key] = raw[key];
  }
  const env = plainToInstance(EnvironmentVariables, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length) {
    throw new ConfigError(
      errors.map((e) => {
        const messages = Object.values(e.constraints ?? {}).join('; ');
        return e.value === undefined ? `${e.property} is missing (${messages})` : `${e.property}: ${messages}`;
      }),
    );
  }
  return env;
}
