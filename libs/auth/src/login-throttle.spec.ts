import { delayAfterAttempt, reserveLoginAttempt, type ThrottleState } from './login-throttle';

const LIMITS = { freeAttempts: 5, maxDelaySeconds: 900 };
const NOW = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('delayAfterAttempt: free attempts, then 15 s doubling, capped (README "Security")', () => {
  it.each<[number, number]>([
    [1, 0],
    [4, 0],
    [5, 15],
    [6, 30],
    [7, 60],
    [10, 480],
    [11, 900],
    [50, 900],
    [10_000, 900],
  ])('after attempt %i the next waits %i s', (attempt, seconds) => {
    expect(delayAfterAttempt(attempt, LIMITS)).toBe(seconds);
  });

  it('never waits longer than LOGIN_LOCK_SECONDS, however small', () => {
    expect(delayAfterAttempt(5, { freeAttempts: 5, maxDelaySeconds: 1 })).toBe(1);
  });
});

describe('reserveLoginAttempt', () => {
  const fresh: ThrottleState = { attempts: 0, lastAttemptAt: null, nextAttemptAt: null };

  it.each<[string, ThrottleState, Date, { allowed: boolean; attempts: number; next: Date | null }]>([
    ['a first attempt is free', fresh, NOW, { allowed: true, attempts: 1, next: null }],
    [
      'the fourth in a row is still free',
      { attempts: 3, lastAttemptAt: at(-5), nextAttemptAt: null },
      NOW,
      { allowed: true, attempts: 4, next: null },
    ],
    [
      'the fifth goes ahead and makes the next wait 15 s',
      { attempts: 4, lastAttemptAt: at(-5), nextAttemptAt: null },
      NOW,
      { allowed: true, attempts: 5, next: at(15) },
    ],
    [
      'an attempt before the wait is over is refused (not counted)',
      { attempts: 5, lastAttemptAt: at(-5), nextAttemptAt: at(10) },
      NOW,
      { allowed: false, attempts: 5, next: at(10) },
    ],
    [
      'once the wait is over the attempt is checked, and the next waits twice as long',
      { attempts: 5, lastAttemptAt: at(-15), nextAttemptAt: NOW },
      NOW,
      { allowed: true, attempts: 6, next: at(30) },
    ],
    [
      'a day without attempts starts over',
      { attempts: 40, lastAttemptAt: at(-24 * 3600), nextAttemptAt: at(-23 * 3600) },
      NOW,
      { allowed: true, attempts: 1, next: null },
    ],
  ])('%s', (_case, state, now, expected) => {
    const decision = reserveLoginAttempt(state, now, LIMITS);
    expect(decision.allowed).toBe(expected.allowed);
    if (decision.allowed) {
      expect(decision.state).toEqual({ attempts: expected.attempts, lastAttemptAt: now, nextAttemptAt: expected.next });
    } else {
      expect({ attempts: decision.attempts, retryAt: decision.retryAt }).toEqual({
        attempts: expected.attempts,
        retryAt: expected.next,
      });
    }
  });

  it('15 attempts at once: only the free ones go ahead', () => {
    let state = fresh;
    const allowed = Array.from({ length: 15 }, () => {
      const decision = reserveLoginAttempt(state, NOW, LIMITS);
      if (decision.allowed) state = decision.state;
      return decision.allowed;
    });
    expect(allowed.filter(Boolean)).toHaveLength(5);
  });
});
