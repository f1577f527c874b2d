import { ByteBoundedLru } from './read-cache-policy';

/** Where a cache-hit answer waits until every change committed before it began has been seen. */
export interface ChangeBarrier {
  /** Resolves once every notification committed before the call has been delivered; false when it cannot tell. */
  synced(): Promise<boolean>;
}

/**
 * The API's read cache (docs/architecture.md, "Read cache"): whole GraphQL answers of cacheable
 * queries, as the response bodies sent, per user, query, variables and day, emptied by every
 * committed database change.
 *
 * Exactness rests on two rules. A miss stores its answer only if no change was seen between the
 * moment it looked (its epoch) and the moment it stores. A hit is served only after the change
 * barrier confirms that every change committed before the hit began has been seen. The cache is
 * used only while the change listener is connected ("live"); a reconnect empties it.
 */
/** A kept answer: the response body sent, and its gzip encoding once a client asked for one. */
export interface KeptAnswer {
  readonly body: string;
  gzipped?: Buffer;
}

export class ReadCache {
  private readonly answers: ByteBoundedLru<KeptAnswer>;
  /** Operations (query hash and name) seen to be cacheable; a request for another one is not looked up. */
  private readonly operations = new ByteBoundedLru<true>(10_000);
  private epochValue = 0;
  private liveValue = false;
  private barrier: ChangeBarrier | null = null;
  readonly counts = { hits: 0, misses: 0, stores: 0, invalidations: 0 };

  constructor(readonly maxBytes: number) {
    this.answers = new ByteBoundedLru(maxBytes);
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get live(): boolean {
    return this.enabled && this.liveValue && this.barrier !== null;
  }

  get epoch(): number {
    return this.epochValue;
  }

  /**
   * The epoch a miss computes under, once every change committed before it has been seen (the
   * same barrier as a hit): a write that returned just before the miss then cannot empty the
   * cache under it and cost it its store. Null when the cache is not live or cannot tell.
   */
  async settledEpoch(): Promise<number | null> {
    const barrier = this.barrier;
    if (!this.live || !barrier || !(await barrier.synced()) || !this.live) return null;
    return this.epochValue;
  }

  get entries(): number {
    return this.answers.size;
  }

  /** The listener is connected (with its barrier) or not; either way what was kept may be stale. */
  setLive(barrier: ChangeBarrier | null): void {
    this.barrier = barrier;
    this.liveValue = barrier !== null;
    this.invalidate();
  }

  /** A committed change was seen: nothing kept so far may be served again. */
  invalidate(): void {
    this.epochValue += 1;
    this.counts.invalidations += 1;
    this.answers.clear();
  }

  /** Remembers that the operation named by `operationKey` (readCacheOperationKey) is cacheable. */
  markCacheable(operationKey: string): void {
    this.operations.set(operationKey, true, 1);
  }

  isCacheable(operationKey: string): boolean {
    return this.operations.get(operationKey) === true;
  }

  /** The answer (response body) kept for `key`, once the barrier says it is still current; undefined on a miss. */
  async lookup(key: string): Promise<string | undefined> {
    const epoch = await this.settledEpoch();
    if (epoch === null) {
      this.counts.misses += 1;
      return undefined;
    }
    return this.answerAt(epoch, key)?.body;
  }

  /**
   * The answer kept for `key`, when `epoch` (from settledEpoch, awaited by the caller) is still
   * the current one: a change seen since then has emptied the cache, so nothing is served.
   */
  answerAt(epoch: number, key: string): KeptAnswer | undefined {
    const answer = this.live && epoch === this.epochValue ? this.answers.get(key) : undefined;
    if (answer === undefined) this.counts.misses += 1;
    else this.counts.hits += 1;
    return answer;
  }

  /** Keeps the gzip encoding of an answer still kept under `key` at `epoch` (its bytes count too). */
  keepGzipped(epoch: number, key: string, answer: KeptAnswer, gzipped: Buffer): void {
    if (!this.live || epoch !== this.epochValue || this.answers.get(key) !== answer) return;
    answer.gzipped = gzipped;
    this.answers.set(key, answer, answer.body.length * 2 + gzipped.length);
  }

  /** Keeps an answer (response body) computed since `epoch`, unless a change was seen meanwhile. */
  store(epoch: number, key: string, answer: string): boolean {
    if (!this.live || epoch !== this.epochValue) return false;
    const kept = this.answers.set(key, { body: answer }, answer.length * 2);
    if (kept) this.counts.stores += 1;
    return kept;
  }
}
