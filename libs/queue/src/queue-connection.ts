import {
  createPostgresBackend,
  setDefaultBackendFactory,
  type ConnectionOptions,
  type PostgresPoolConfig,
} from 'bullmq';
import { type AppConfig, QueueBackendKind } from '@lib/config';

export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  maxRetriesPerRequest: null;
}

export function redisOptionsFromUrl(url: string): RedisConnectionOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * The connection for every Queue and Worker in this process. Redis is the default; with
 * QUEUE_BACKEND=postgres (the zero-setup demo) BullMQ's own PostgreSQL backend runs the same
 * processors. `migrate: true` is required there (stack-notes.md: without it the backend spins).
 */
export function queueConnection(config: AppConfig): ConnectionOptions {
  if (config.queue.backend === QueueBackendKind.POSTGRES) {
    setDefaultBackendFactory(createPostgresBackend);
    const options: PostgresPoolConfig = {
      connectionString: config.database.url,
      schema: config.queue.postgresSchema,
      migrate: true,
      max: 5,
    };
    return options;
  }
  setDefaultBackendFactory(undefined);
  if (!config.queue.redisUrl) throw new Error('REDIS_URL is required when QUEUE_BACKEND=redis');
  return redisOptionsFromUrl(config.queue.redisUrl);
}
