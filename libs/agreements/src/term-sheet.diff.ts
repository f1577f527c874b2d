import { Dec } from '@lib/common';
import type { TermSheet } from './term-sheet';

export type TermChange = 'ADDED' | 'REMOVED' | 'CHANGED';

/**
 * One field-by-field difference between two term sheets. `path` names items by their natural
 * key (`schedule[2025-01-01].wac`, `benchmarks[VOE12].tiers[12].rebatePct`) so that a change is
 * readable whatever the positions; values are text (decimals exactly as stored).
 */
export interface TermDifference {
  path: string;
  change: TermChange;
  before: string | null;
  after: string | null;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Dec.isDecimal(value)) return value.toFixed();
  if (Array.isArray(value)) return value.map((v) => text(v)).join(' ');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** `effectiveFrom=2025-01-01, wac=2200000` (nested lists, such as tiers, are left out). */
function describe(item: object): string {
  return Object.entries(item)
    .filter(([, v]) => !Array.isArray(v) || v.every((x) => typeof x === 'string'))
    .map(([k, v]) => `${k}=${text(v) ?? 'open'}`)
    .join(', ');
}

function compareFields<T extends object>(
  out: TermDifference[],
  prefix: string,
  before: T,
  after: T,
  fields: (keyof T & string)[],
): void {
  for (const field of fields) {
    const a = text(before[field]);
    const b = text(after[field]);
    if (a !== b) out.push({ path: `${prefix}${field}`, change: 'CHANGED', before: a, after: b });
  }
}

function compareKeyed<T extends object>(
  out: TermDifference[],
  prefix: string,
  before: T[],
  after: T[],
  keyOf: (item: T) => string,
  onBoth: (path: string, a: T, b: T) => void,
): void {
  const beforeByKey = new Map(before.map((item) => [keyOf(item), item]));
  const afterByKey = new Map(after.map((item) => [keyOf(item), item]));
  for (const [key, a] of beforeByKey) {
    const b = afterByKey.get(key);
    const path = `${prefix}[${key}]`;
    if (!b) out.push({ path, change: 'REMOVED', before: describe(a), after: null });
    else onBoth(`${path}.`, a, b);
  }
  for (const [key, b] of afterByKey) {
    if (!beforeByKey.has(key))
      out.push({ path: `${prefix}[${key}]`, change: 'ADDED', before: null, after: describe(b) });
  }
}

/** Every difference from `from` to `to` (what negotiators read at each round). Pure. */
export function diffTermSheets(from: TermSheet, to: TermSheet): TermDifference[] {
  const out: TermDifference[] = [];
  compareFields(out, '', from, to, ['enrollmentStart', 'enrollmentEnd', 'supplementalCapPct']);
  compareKeyed(
    out,
    'schedule',
    from.schedule,
    to.schedule,
    (e) => e.effectiveFrom,
    (path, a, b) => compareFields(out, path, a, b, ['effectiveTo', 'wac', 'guaranteedRebatePct']),
  );
  compareKeyed(
    out,
    'benchmarks',
    from.benchmarks,
    to.benchmarks,
    (b) => b.code,
    (path, a, b) => {
      compareFields(out, path, a, b, ['measure', 'washoutDays', 'diagnosisPrefixes']);
      compareKeyed(
        out,
        `${path}tiers`,
        a.tiers,
        b.tiers,
        (t) => String(t.throughMonth),
        (tierPath, x, y) => compareFields(out, tierPath, x, y, ['rebatePct']),
      );
    },
  );
  compareKeyed(
    out,
    'volumeTiers',
    from.volumeTiers,
    to.volumeTiers,
    (t) => String(t.minTreatments),
    (path, a, b) => compareFields(out, path, a, b, ['additionalRebatePct']),
  );
  return out;
}
