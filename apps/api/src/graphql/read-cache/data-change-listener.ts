import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '@lib/config';
import { ReadCache, type ChangeBarrier } from './read-cache';

/** The channel the data_changed triggers notify (migration 1764940000000-data-change-notifications). */
export const DATA_CHANGED_CHANNEL = 'data_changed';
/** A barrier round trip slower than this counts as "cannot tell": the request is computed instead. */
const BARRIER_LIMIT_MS = 1_000;
const RECONNECT_DELAY_MS = 1_000;

/**
 * Keeps the read cache honest: one Postgres connection LISTENs to data_changed (every committed
 * write to a table the API reads notifies it) and empties the cache on each notification.
 *
 * It is also the cache's barrier. Postgres delivers a listening session's pending notifications
 * before it answers the session's next query, and a writer signals listeners before its COMMIT
 * returns; so once a `SELECT 1` sent on this connection has answered, every change whose COMMIT
 * had returned before it was sent has emptied the cache. Concurrent hits share one round trip: those that arrive
 * while one is in flight wait for the next.
 */
@Injectable()
export class DataChangeListener implements OnApplicationBootstrap, OnApplicationShutdown, ChangeBarrier {
  private readonly logger = new Logger(DataChangeListener.name);
  /** The connection being opened or open; `client` once it LISTENs. */
  private current: Client | null = null;
  private client: Client | null = null;
  private stopped = false;
  private waiting: ((synced: boolean) => void)[] = [];
  private roundTripInFlight = false;

  constructor(
    private readonly config: AppConfig,
    private readonly cache: ReadCache,
  ) {}

  onApplicationBootstrap(): void {
    if (this.cache.enabled) void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.cache.setLive(null);
    this.release(false);
    const client = this.current;
    this.current = null;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  synced(): Promise<boolean> {
    if (!this.client) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  private pump(): void {
    const client = this.client;
    if (this.roundTripInFlight || this.waiting.length === 0) return;
    if (!client) return this.release(false);
    const batch = this.waiting;
    this.waiting = [];
    this.roundTripInFlight = true;
    let settled = false;
    const settle = (synced: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const resolve of batch) resolve(synced);
      this.roundTripInFlight = false;
      this.pump();
    };
    const timer = setTimeout(() => settle(false), BARRIER_LIMIT_MS).unref();
    client.query('SELECT 1').then(
      () => settle(true),
      () => settle(false),
    );
  }

  private release(synced: boolean): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(synced);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.database.url, application_name: 'cgt-api-read-cache' });
    client.on('notification', () => this.cache.invalidate());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    this.current = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
      if (this.current !== client) return;
      this.client = client;
      this.cache.setLive(this);
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.current !== client) return;
    this.current = null;
    this.client = null;
    this.cache.setLive(null);
    this.release(false);
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      { err: error },
      `Read cache off: the data change listener lost its connection; retrying in ${RECONNECT_DELAY_MS} ms`,
    );
    setTimeout(() => void this.connect(), RECONNECT_DELAY_MS).unref();
  }
}
