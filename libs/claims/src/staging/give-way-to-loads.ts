import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { pgErrorCode, PG_QUERY_CANCELED } from '@lib/database';
import { claimFilesLoading } from './digest-years.sql';

/** How often the merge's copy looks whether a claim file has started loading. */
export const GIVE_WAY_POLL_MS = 250;

/** A claim file started loading while the merge copied: its transaction rolls back, the years wait. */
export class GaveWayToLoads extends Error {
  constructor() {
    super('A claim file started loading: the merge of closed years gave way and waits for a later run');
    this.name = 'GaveWayToLoads';
  }
}

/**
 * Runs `work` (statements on `manager`'s connection, in its transaction) and cancels the statement
 * running there as soon as a claim file starts loading, looked at every `pollMs` on another
 * connection of `dataSource`. It then throws GaveWayToLoads, whether the cancel stopped a
 * statement or came as the work ended, so that the caller's transaction rolls back and nothing of
 * the work stays (another failure of the work is thrown as it is).
 */
export async function givingWayToLoads<T>(
  dataSource: DataSource,
  manager: EntityManager,
  work: () => Promise<T>,
  pollMs = GIVE_WAY_POLL_MS,
): Promise<T> {
  const [{ pid }] = await manager.query<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
  const stop = new AbortController();
  let gaveWay = false;
  const watch = (async () => {
    while (!stop.signal.aborted) {
      try {
        await sleep(pollMs, undefined, { signal: stop.signal });
        if (await claimFilesLoading(dataSource.manager)) {
          gaveWay = true;
          await dataSource.query(`SELECT pg_cancel_backend($1)`, [pid]);
          return;
        }
      } catch {
        // Stopped, or the look failed (the database is away: the work itself then fails): stop or look again.
      }
    }
  })();
  const settled = await work().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  stop.abort();
  await watch;
  if ('error' in settled) {
    throw gaveWay && pgErrorCode(settled.error) === PG_QUERY_CANCELED ? new GaveWayToLoads() : settled.error;
  }
  if (gaveWay) throw new GaveWayToLoads();
  return settled.value;
}
