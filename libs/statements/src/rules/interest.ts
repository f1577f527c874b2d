import {
  addDays,
  compareDates,
  daysBetween,
  dec,
  roundCents,
  sumDecimals,
  ZERO,
  type Dec,
  type IsoDate,
} from '@lib/common';
import { heldBackOn, paidBefore, type StatementMoney } from './balances';
import { interestStartDate } from './statement-lifecycle';
import { type InterestRatePeriod } from './types';

/** Actual/365: every day is 1/365 of the annual rate, leap years included (our choice). */
export const INTEREST_DAY_COUNT_BASIS = 365;

export interface InterestSegment {
  from: IsoDate;
  /** Inclusive. */
  to: IsoDate;
  days: number;
  /** The unpaid undisputed amount on each day of the segment. */
  balance: Dec;
  annualRate: Dec;
  /** Exact, unrounded. */
  amount: Dec;
}

export interface InterestResult {
  /** Rounded half-up to cents once, at the end (domain.md: round once). */
  interest: Dec;
  unrounded: Dec;
  /** Runs of days with the same balance and rate, in date order (only those with a balance). */
  segments: InterestSegment[];
}

/** The annual rate in force on `day`; null when the table has a gap there. */
export function rateOn(rates: readonly InterestRatePeriod[], day: IsoDate): Dec | null {
  const hit = rates.find(
    (r) => compareDates(r.effectiveFrom, day) <= 0 && (r.effectiveTo === null || compareDates(day, r.effectiveTo) <= 0),
  );
  return hit?.annualRate ?? null;
}

/**
 * Simple daily interest on the unpaid undisputed amount (README "Statements and payments"), for each day from day 38
 * after issue through `asOf` inclusive: balance(day) x rate(day) / 365. A payment received on a
 * day counts from the next day (paying on the due date, day 37, costs nothing; on day 38, one
 * day). Payments go to the undisputed amount first (balances.ts). A day without a rate in the
 * table is a configuration error and throws, rather than silently charging nothing.
 */
export function statementInterest(
  money: StatementMoney,
  issuedOn: IsoDate,
  asOf: IsoDate,
  rates: readonly InterestRatePeriod[],
): InterestResult {
  const start = interestStartDate(issuedOn);
  if (compareDates(asOf, start) < 0) return { interest: ZERO, unrounded: ZERO, segments: [] };
  const end = addDays(asOf, 1);
  // Days where balance or rate may change: the day after each payment, each dispute opening, rate edges.
  const edges = new Set<IsoDate>([start, end]);
  const within = (d: IsoDate) => compareDates(start, d) < 0 && compareDates(d, end) < 0;
  for (const p of money.payments) edges.add(addDays(p.receivedOn, 1));
  for (const d of money.disputes) edges.add(d.openedOn);
  for (const r of rates) {
    edges.add(r.effectiveFrom);
    if (r.effectiveTo !== null) edges.add(addDays(r.effectiveTo, 1));
  }
  const points = [...edges].filter((d) => d === start || d === end || within(d)).sort(compareDates);

  const segments: InterestSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const days = daysBetween(from, points[i + 1]);
    const { disputed, upheld } = heldBackOn(money, from, asOf);
    const undisputed = sumDecimals(money.lines.map((l) => l.amount))
      .minus(disputed)
      .minus(upheld);
    const balance = undisputed.minus(paidBefore(money.payments, from));
    if (!balance.greaterThan(0)) continue;
    const annualRate = rateOn(rates, from);
    if (annualRate === null) throw new Error(`No interest rate in force on ${from}`);
    const amount = balance.times(annualRate).times(days).dividedBy(dec(INTEREST_DAY_COUNT_BASIS));
    segments.push({ from, to: addDays(points[i + 1], -1), days, balance, annualRate, amount });
  }
  const unrounded = sumDecimals(segments.map((s) => s.amount));
  return { interest: roundCents(unrounded), unrounded, segments };
}
