import { isQuarter, sumDecimals, ZERO, type Dec, type Quarter } from '@lib/common';
import { compareText } from './ordering';
import { compareComponents } from '@lib/reconciliation';
import { isPriorPeriodAdjustment } from './statement-quarter';
import { LINE_CAUSES, type Component, type LineCause, type StatementLine } from './types';

export interface ComponentTotal {
  component: Component;
  amount: Dec;
}

export interface CauseTotal {
  cause: LineCause;
  amount: Dec;
}

export interface ServiceQuarterTotal {
  serviceQuarter: Quarter;
  amount: Dec;
}

export interface StatementTotals {
  total: Dec;
  /** Lines whose service quarter is the statement quarter. */
  currentPeriod: Dec;
  /** Lines whose service quarter is earlier (rebate-rules section 8: late corrections). */
  priorPeriod: Dec;
  /** GUARANTEED, VOLUME, then each OUTCOME:<benchmark> separately; only components present. */
  byComponent: ComponentTotal[];
  /** Every cause, in LINE_CAUSES order, zero when absent, so summaries have fixed rows. */
  byCause: CauseTotal[];
  /** Prior-period adjustments per service quarter, oldest first. */
  priorPeriodByServiceQuarter: ServiceQuarterTotal[];
  lineCount: number;
}

function add<K>(map: Map<K, Dec>, key: K, amount: Dec): void {
  map.set(key, (map.get(key) ?? ZERO).plus(amount));
}

/**
 * Exact totals of a statement's lines (no rounding: entries are already in cents, domain.md).
 * A line whose service quarter is after the statement quarter cannot exist (section 8) and throws.
 */
export function statementTotals(statementQuarter: Quarter, lines: readonly StatementLine[]): StatementTotals {
  if (!isQuarter(statementQuarter)) throw new Error(`Not a quarter: ${statementQuarter}`);
  const byComponent = new Map<Component, Dec>();
  const byCause = new Map<LineCause, Dec>(LINE_CAUSES.map((c) => [c, ZERO]));
  const prior = new Map<Quarter, Dec>();
  let currentPeriod = ZERO;
  for (const line of lines) {
    if (line.serviceQuarter > statementQuarter) {
      throw new Error(
        `Line ${line.lineId} has service quarter ${line.serviceQuarter}, after its statement quarter ${statementQuarter}`,
      );
    }
    add(byComponent, line.component, line.amount);
    add(byCause, line.cause, line.amount);
    if (isPriorPeriodAdjustment(line.serviceQuarter, statementQuarter)) add(prior, line.serviceQuarter, line.amount);
    else currentPeriod = currentPeriod.plus(line.amount);
  }
  const priorPeriodByServiceQuarter = [...prior]
    .sort(([a], [b]) => compareText(a, b))
    .map(([serviceQuarter, amount]) => ({ serviceQuarter, amount }));
  return {
    total: sumDecimals(lines.map((l) => l.amount)),
    currentPeriod,
    priorPeriod: sumDecimals(priorPeriodByServiceQuarter.map((p) => p.amount)),
    byComponent: [...byComponent]
      .sort(([a], [b]) => compareComponents(a, b))
      .map(([component, amount]) => ({ component, amount })),
    byCause: LINE_CAUSES.map((cause) => ({ cause, amount: byCause.get(cause) ?? ZERO })),
    priorPeriodByServiceQuarter,
    lineCount: lines.length,
  };
}
