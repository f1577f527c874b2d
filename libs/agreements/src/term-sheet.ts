import type { Dec, IsoDate } from '@lib/common';

/** What an outcome benchmark measures (rebate-rules section 1). */
export type BenchmarkMeasure = 'VOE_HOSPITALIZATION' | 'REPORTED_EVENT';
export const BENCHMARK_MEASURES: readonly BenchmarkMeasure[] = ['VOE_HOSPITALIZATION', 'REPORTED_EVENT'];

export interface PriceScheduleTerm {
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  wac: Dec;
  guaranteedRebatePct: Dec;
}

export interface BenchmarkTierTerm {
  throughMonth: number;
  rebatePct: Dec;
}

export interface OutcomeBenchmarkTerm {
  code: string;
  measure: BenchmarkMeasure;
  washoutDays: number;
  diagnosisPrefixes: string[];
  tiers: BenchmarkTierTerm[];
}

export interface VolumeTierTerm {
  minTreatments: number;
  additionalRebatePct: Dec;
}

/**
 * The terms of one agreement version (rebate-rules section 1), as pure data: what the
 * reconciliation rules engine consumes. Percentages are fractions (0.125 = 12.5%).
 */
export interface TermSheet {
  enrollmentStart: IsoDate;
  enrollmentEnd: IsoDate;
  supplementalCapPct: Dec;
  schedule: PriceScheduleTerm[];
  benchmarks: OutcomeBenchmarkTerm[];
  volumeTiers: VolumeTierTerm[];
}
