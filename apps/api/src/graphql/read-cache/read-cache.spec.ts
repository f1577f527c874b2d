import { ReadCache, type ChangeBarrier } from './read-cache';

/** A barrier whose answer the test decides; `onSync` runs while a hit waits (a change arriving then). */
class TestBarrier implements ChangeBarrier {
  answer = true;
  onSync: (() => void) | null = null;
  synced(): Promise<boolean> {
    this.onSync?.();
    return Promise.resolve(this.answer);
  }
}

describe('ReadCache', () => {
  const ANSWER = '{"data":{"statements":[]}}\n';
  let cache: ReadCache;
  let barrier: TestBarrier;

  beforeEach(() => {
    cache = new ReadCache(1024 * 1024);
    barrier = new TestBarrier();
    cache.setLive(barrier);
  });

  it('serves what a miss kept', async () => {
    const epoch = cache.epoch;
    expect(await cache.lookup('k')).toBeUndefined();
    expect(cache.store(epoch, 'k', ANSWER)).toBe(true);
    expect(await cache.lookup('k')).toBe(ANSWER);
    expect(cache.counts).toMatchObject({ hits: 1, misses: 1, stores: 1 });
  });

  it('does not keep an answer computed across a change', async () => {
    const epoch = cache.epoch;
    cache.invalidate();
    expect(cache.store(epoch, 'k', ANSWER)).toBe(false);
    expect(await cache.lookup('k')).toBeUndefined();
  });

  it('forgets everything on a change', async () => {
    cache.store(cache.epoch, 'k', ANSWER);
    cache.invalidate();
    expect(await cache.lookup('k')).toBeUndefined();
    expect(cache.entries).toBe(0);
  });

  it('does not serve an answer when a change arrives while the hit waits for the barrier', async () => {
    cache.store(cache.epoch, 'k', ANSWER);
    barrier.onSync = () => cache.invalidate();
    expect(await cache.lookup('k')).toBeUndefined();
  });

  it('computes a miss under the epoch after the changes the barrier delivers, so its answer is kept', async () => {
    barrier.onSync = () => cache.invalidate();
    const epoch = await cache.settledEpoch();
    barrier.onSync = null;
    expect(epoch).toBe(cache.epoch);
    expect(cache.store(epoch ?? -1, 'k', ANSWER)).toBe(true);
  });

  it('gives a miss no epoch when the barrier cannot tell', async () => {
    barrier.answer = false;
    expect(await cache.settledEpoch()).toBeNull();
  });

  it('serves nothing when the barrier cannot tell', async () => {
    cache.store(cache.epoch, 'k', ANSWER);
    barrier.answer = false;
    expect(await cache.lookup('k')).toBeUndefined();
  });

  it('keeps and serves nothing while the change listener is away, and starts empty when it is back', async () => {
    cache.store(cache.epoch, 'k', ANSWER);
    cache.setLive(null);
    expect(cache.live).toBe(false);
    expect(cache.store(cache.epoch, 'k2', ANSWER)).toBe(false);
    expect(await cache.lookup('k')).toBeUndefined();
    cache.setLive(barrier);
    expect(await cache.lookup('k')).toBeUndefined();
  });

  it('serves an answer at a settled epoch only while no change has been seen since', async () => {
    cache.store(cache.epoch, 'k', ANSWER);
    const epoch = (await cache.settledEpoch()) ?? -1;
    expect(cache.answerAt(epoch, 'k')?.body).toBe(ANSWER);
    cache.invalidate();
    cache.store(cache.epoch, 'k', ANSWER);
    expect(cache.answerAt(epoch, 'k')).toBeUndefined();
  });

  it('keeps the gzip encoding with its answer unless a change was seen', async () => {
    const small = new ReadCache(4 * ANSWER.length * 2 + 100);
    small.setLive(barrier);
    small.store(small.epoch, 'k', ANSWER);
    const epoch = (await small.settledEpoch()) ?? -1;
    const answer = small.answerAt(epoch, 'k');
    if (!answer) throw new Error('the answer was not kept');
    small.keepGzipped(epoch, 'k', answer, Buffer.alloc(10));
    expect(small.answerAt(epoch, 'k')?.gzipped?.length).toBe(10);
    small.invalidate();
    small.store(small.epoch, 'k', ANSWER);
    const fresh = small.answerAt(small.epoch, 'k');
    if (!fresh) throw new Error('the answer was not kept');
    small.keepGzipped(epoch, 'k', fresh, Buffer.alloc(10));
    expect(fresh.gzipped).toBeUndefined();
  });

  it('is never live with no memory', () => {
    const off = new ReadCache(0);
    off.setLive(barrier);
    expect([off.enabled, off.live]).toEqual([false, false]);
  });
});
