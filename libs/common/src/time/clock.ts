import { Injectable } from '@nestjs/common';
import { isoDateOf, type IsoDate } from '../dates/business-date';

/**
 * The platform's notion of "now". Injected wherever a rule depends on the date (the quarter of
 * a change, statement due dates, interest), so tests can fix it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  today(): IsoDate {
    return isoDateOf(this.now());
  }
}

/** A clock that stays where a test puts it. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.instant.getTime());
  }

  set(instant: Date | string): void {
    this.instant = typeof instant === 'string' ? new Date(instant) : instant;
  }
}

/** The process clock: fixed when FIXED_TIME is configured (demos, tests), real otherwise. */
export function clockFor(fixedTime: string | null): Clock {
  return fixedTime ? new FixedClock(new Date(fixedTime)) : new Clock();
}
