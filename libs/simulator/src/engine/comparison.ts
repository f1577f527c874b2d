import { Dec } from '@lib/common';
import type { TermSheet } from '@lib/reconciliation';
import { simulateTermSheet, type SimulateOptions } from './monte-carlo';
import type { SimulationResult } from './simulation-result';
import type { SimulationSpec } from './simulation-input';

/** A and B side by side for one scope (a state or the total). */
export interface ScopeDifference {
  stateCode: string | null;
  netSpendA: string;
  netSpendB: string;
  /** B - A. */
  netSpendDifference: string;
  netPricePerPatientA: string | null;
  netPricePerPatientB: string | null;
  netPricePerPatientDifference: string | null;
  rebatesA: string;
  rebatesB: string;
}

/** One assumption moved low and high, all else as given: what A, B and their difference become. */
export interface SensitivityRow {
  assumption: string;
  lowLabel: string;
  highLabel: string;
  netPricePerPatientA: { low: string | null; high: string | null };
  netPricePerPatientB: { low: string | null; high: string | null };
  /** B - A in net price per patient, low and high. */
  differenceLow: string | null;
  differenceHigh: string | null;
  /** |differenceHigh - differenceLow|: how much this assumption moves the comparison. */
  swing: string;
}

export interface ComparisonResult {
  a: SimulationResult;
  b: SimulationResult;
  differences: ScopeDifference[];
  /** Largest swing first. */
  sensitivity: SensitivityRow[];
  sensitivityTrials: number;
}

const SENSITIVITY_FACTORS = { low: 0.5, high: 1.5 } as const;

/**
 * Two term sheets under the same assumptions and seed (common random numbers: the same patients
 * and events are drawn for both), their differences per state and in total, and a one-at-a-time
 * sensitivity table: each assumption moved to half and one and a half times its value.
 */
export function compareTermSheets(
  spec: Omit<SimulationSpec, 'terms'>,
  termsA: TermSheet,
  termsB: TermSheet,
  options: SimulateOptions & { sensitivityTrials?: number } = {},
): ComparisonResult {
  const a = simulateTermSheet(forTerms(spec, termsA), options);
  const b = simulateTermSheet(forTerms(spec, termsB), options);
  const sensitivityTrials = Math.min(spec.trials, options.sensitivityTrials ?? 2000);
  const small = { ...spec, trials: sensitivityTrials };
  const sensitivity = variations(spec, termsA, termsB)
    .map((v) => {
      const run = (factor: number, terms: TermSheet) =>
        simulateTermSheet(forTerms(v.apply(small, factor), terms)).total.netPricePerPatient?.mean ?? null;
      const aLow = run(SENSITIVITY_FACTORS.low, termsA);
      const aHigh = run(SENSITIVITY_FACTORS.high, termsA);
      const bLow = run(SENSITIVITY_FACTORS.low, termsB);
      const bHigh = run(SENSITIVITY_FACTORS.high, termsB);
      const differenceLow = diff(aLow, bLow);
      const differenceHigh = diff(aHigh, bHigh);
      return {
        assumption: v.assumption,
        lowLabel: v.label(SENSITIVITY_FACTORS.low),
        highLabel: v.label(SENSITIVITY_FACTORS.high),
        netPricePerPatientA: { low: aLow, high: aHigh },
        netPricePerPatientB: { low: bLow, high: bHigh },
        differenceLow,
        differenceHigh,
        swing: new Dec(differenceHigh ?? 0)
          .minus(differenceLow ?? 0)
          .abs()
          .toFixed(2),
      };
    })
    .sort((x, y) => new Dec(y.swing).comparedTo(x.swing) || x.assumption.localeCompare(y.assumption));
  const differences = [
    scopeDifference(null, a.total, b.total),
    ...a.states.map((sa, i) => scopeDifference(sa.stateCode, sa, b.states[i])),
  ];
  return { a, b, differences, sensitivity, sensitivityTrials };
}

/** The spec for one of the two term sheets: failure models of benchmarks it does not have are left out. */
function forTerms(spec: Omit<SimulationSpec, 'terms'>, terms: TermSheet): SimulationSpec {
  const codes = terms.benchmarks.map((b) => b.code);
  return {
    ...spec,
    terms,
    states: spec.states.map((st) => ({ ...st, failure: st.failure.filter((f) => codes.includes(f.benchmarkCode)) })),
  };
}

function diff(a: string | null, b: string | null): string | null {
  return a === null || b === null ? null : new Dec(b).minus(a).toFixed(2);
}

function scopeDifference(
  stateCode: string | null,
  a: SimulationResult['total'],
  b: SimulationResult['total'],
): ScopeDifference {
  return {
    stateCode,
    netSpendA: a.net.mean,
    netSpendB: b.net.mean,
    netSpendDifference: new Dec(b.net.mean).minus(a.net.mean).toFixed(2),
    netPricePerPatientA: a.netPricePerPatient?.mean ?? null,
    netPricePerPatientB: b.netPricePerPatient?.mean ?? null,
    netPricePerPatientDifference: diff(a.netPricePerPatient?.mean ?? null, b.netPricePerPatient?.mean ?? null),
    rebatesA: a.rebates.mean,
    rebatesB: b.rebates.mean,
  };
}

interface Variation {
  assumption: string;
  label: (factor: number) => string;
  apply: (spec: Omit<SimulationSpec, 'terms'>, factor: number) => Omit<SimulationSpec, 'terms'>;
}

/** The assumptions varied one at a time: treated patients, each benchmark's hazard, the volume pool. */
function variations(spec: Omit<SimulationSpec, 'terms'>, termsA: TermSheet, termsB: TermSheet): Variation[] {
  const times = (factor: number) => `x${factor}`;
  const codes = [...new Set([...termsA.benchmarks, ...termsB.benchmarks].map((b) => b.code))].sort();
  const out: Variation[] = [
    {
      assumption: 'Treated patients per year (every state)',
      label: times,
      apply: (s, factor) => ({
        ...s,
        states: s.states.map((st) => ({ ...st, treated: { ...st.treated, perYear: st.treated.perYear * factor } })),
      }),
    },
    ...codes.map((code): Variation => ({
      assumption: `Failure hazard of ${code} (every state)`,
      label: times,
      apply: (s, factor) => ({
        ...s,
        states: s.states.map((st) => ({
          ...st,
          failure: st.failure.map((f) =>
            f.benchmarkCode !== code
              ? f
              : {
                  ...f,
                  hazard: f.hazard.map((h) => ({
                    ...h,
                    monthlyProbability: Math.min(1, h.monthlyProbability * factor),
                  })),
                },
          ),
        })),
      }),
    })),
  ];
  if (spec.volumePool) {
    out.push({
      assumption: 'Patients of the volume pool',
      label: times,
      apply: (s, factor) =>
        s.volumePool
          ? {
              ...s,
              volumePool: {
                ...s.volumePool,
                treated: { ...s.volumePool.treated, perYear: s.volumePool.treated.perYear * factor },
              },
            }
          : s,
    });
  }
  return out;
}
