/**
 * Sign-in throttling, per email and client address (README "Security"). An attempt is reserved
 * (counted) before the password is checked, so parallel requests cannot race past the limit;
 * after `freeAttempts` attempts in a row each further one waits, 15 s doubling up to
 * `maxDelaySeconds`, and is never locked for good. Someone who only knows an email slows down
 * their own address, not the owner's. A successful sign-in forgets the address's attempts;
 * attempts are forgotten after FORGET_AFTER_SECONDS without one.
 */

export interface ThrottleLimits {
  /** Attempts in a row (LOGIN_MAX_FAILURES) before each further one must wait. */
  freeAttempts: number;
  /** The longest wait between two attempts (LOGIN_LOCK_SECONDS). */
  maxDelaySeconds: number;
}

/** One (email, client address) as stored. */
export interface ThrottleState {
  attempts: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
}

export type ThrottleDecision =
  { allowed: true; state: ThrottleState } | { allowed: false; retryAt: Date; attempts: number };

export const FIRST_DELAY_SECONDS = 15;
/** A day without an attempt starts the count again (the purge job deletes such rows). */
export const FORGET_AFTER_SECONDS = 24 * 3600;

/** The wait after the `attempt`-th attempt in a row, in seconds (0 while attempts are free). */
export function delayAfterAttempt(attempt: number, limits: ThrottleLimits): number {
  if (attempt < limits.freeAttempts) return 0;
  const doublings = Math.min(attempt - limits.freeAttempts, 30);
  return Math.min(limits.maxDelaySeconds, FIRST_DELAY_SECONDS * 2 ** doublings);
}

/** Whether an attempt may go ahead now and, if so, the state to store before checking the password. */
export function reserveLoginAttempt(state: ThrottleState, now: Date, limits: ThrottleLimits): ThrottleDecision {
  if (state.nextAttemptAt && now < state.nextAttemptAt) {
    return { allowed: false, retryAt: state.nextAttemptAt, attempts: state.attempts };
  }
  const forgotten =
    state.lastAttemptAt === null || now.getTime() - state.lastAttemptAt.getTime() >= FORGET_AFTER_SECONDS * 1000;
  const attempts = forgotten ? 1 : state.attempts + 1;
  const delay = delayAfterAttempt(attempts, limits);
  return {
    allowed: true,
    state: { attempts, lastAttemptAt: now, nextAttemptAt: delay > 0 ? new Date(now.getTime() + delay * 1000) : null },
  };
}
