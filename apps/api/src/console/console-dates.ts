import { addDays, nextQuarter, quarterOf, quarterStart, type IsoDate } from '@lib/common';

/** The first day of the quarter after `date`'s. */
export function firstOfNextQuarter(date: IsoDate): IsoDate {
  return quarterStart(nextQuarter(quarterOf(date)));
}

/** The last calendar month that has ended before `today`. */
export function lastEndedMonth(today: IsoDate): { start: IsoDate; end: IsoDate } {
  const end = addDays(`${today.slice(0, 7)}-01`, -1);
  return { start: `${end.slice(0, 7)}-01`, end };
}
