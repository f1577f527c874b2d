import { addDays, dec, type IsoDate } from '@lib/common';
import { type StatementMoney } from './balances';
import { type Dispute, type InterestRatePeriod, type Payment, type StatementLine } from './types';

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomStatement {
  money: StatementMoney & { lines: StatementLine[]; disputes: Dispute[]; payments: Payment[] };
  issuedOn: IsoDate;
  asOf: IsoDate;
  rates: InterestRatePeriod[];
}

/**
 * A random issued statement for comparison tests (docs/architecture.md "Fast reads"): lines of any sign and size, line and
 * whole-statement disputes in every state, payments before and after the due date, rate tables
 * with changes (sometimes a gap) and an as-of date anywhere from before issue to years later.
 */
export function randomStatement(seed: number, linePrefix = 'L'): RandomStatement {
  const r = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const cents = (max: number) => (int(1, max * 100) / 100).toFixed(2);
  const issuedOn = addDays('2026-01-15', int(0, 700));
  const lines: StatementLine[] = Array.from({ length: int(1, 30) }, (_, i) => ({
    lineId: `${linePrefix}${seed}-${i}`,
    product: pick(['CASGEVY', 'LYFGENIA']),
    ndc11: '51167029009',
    episodeRef: `EP-${i}`,
    administrationDate: '2026-03-10',
    component: pick(['GUARANTEED', 'VOLUME', 'OUTCOME:VOE12']),
    serviceQuarter: '2026Q1',
    cause: 'CLAIMS',
    amount: dec(r() < 0.2 ? `-${cents(500000)}` : cents(r() < 0.5 ? 3000000 : 1000)),
  }));
  const disputes: Dispute[] = [];
  for (let i = int(0, 4); i > 0; i--) {
    const openedOn = addDays(issuedOn, int(0, 90));
    const outcome = pick(['OPEN', 'UPHELD', 'DENIED'] as const);
    const resolvedOn = addDays(openedOn, int(0, 120));
    disputes.push({
      disputeId: `D${seed}-${i}`,
      scope: r() < 0.2 ? { kind: 'STATEMENT' } : { kind: 'LINE', lineId: pick(lines).lineId },
      code: 'U',
      note: '',
      openedOn,
      resolution:
        outcome === 'OPEN'
          ? null
          : outcome === 'UPHELD'
            ? { outcome, resolvedOn, agreedAmount: dec(r() < 0.5 ? '0' : cents(1000)), note: '' }
            : { outcome, resolvedOn, note: '' },
    });
  }
  const payments: Payment[] = Array.from({ length: int(0, 4) }, (_, i) => ({
    paymentId: `P${seed}-${i}`,
    receivedOn: addDays(issuedOn, int(0, 200)),
    amount: dec(cents(r() < 0.5 ? 2000000 : 5000)),
    reference: `W${i}`,
  })).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  const rates: InterestRatePeriod[] = [];
  let from: IsoDate = r() < 0.05 ? addDays(issuedOn, int(30, 80)) : '2025-01-01';
  for (let i = int(1, 4); i > 0; i--) {
    const to = i === 1 ? null : addDays(issuedOn, int(20, 400));
    if (to !== null && to < from) continue;
    rates.push({ effectiveFrom: from, effectiveTo: to, annualRate: dec((int(0, 12000) / 100000).toFixed(5)) });
    if (to === null) break;
    from = addDays(to, r() < 0.05 ? int(2, 20) : 1);
  }
  if (rates.length && rates[rates.length - 1].effectiveTo !== null) {
    rates.push({ effectiveFrom: from, effectiveTo: null, annualRate: dec('0.05') });
  }
  return { money: { lines, disputes, payments }, issuedOn, asOf: addDays(issuedOn, int(-10, 900)), rates };
}
