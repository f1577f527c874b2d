import type { Stats } from './statistics';

export const ENGINE_VERSION = 'term-sheet-simulator/1';

/** One scope (a state, or all states together) over the whole run. */
export interface ScopeResult {
  /** USPS code; null for the total. */
  stateCode: string | null;
  treatedPatients: Stats;
  gross: Stats;
  guaranteed: Stats;
  volume: Stats;
  outcome: Stats;
  outcomeByBenchmark: { benchmarkCode: string; amount: Stats }[];
  rebates: Stats;
  net: Stats;
  /** (gross - rebates) / treated patients; null when no trial treated anyone. */
  netPricePerPatient: Stats | null;
  /** Share of treated patients whose supplemental rebates the cap cut (VOLUME or OUTCOME). */
  capBindsPatientShare: number;
  /** Share of trials in which the cap cut at least one patient's rebates. */
  capBindsTrialProbability: number;
}

/** Money booked in one calendar year: gross at administration, each rebate when the ledger would append it. */
export interface YearResult {
  year: number;
  stateCode: string | null;
  treatedPatientsMean: string;
  grossMean: string;
  rebatesMean: string;
  guaranteedMean: string | null;
  volumeMean: string | null;
  outcomeMean: string | null;
  net: Stats;
}

export interface QuarterTiming {
  quarter: string;
  guaranteed: string;
  volume: string;
  outcome: string;
}

export interface SimulationResult {
  engineVersion: string;
  trials: number;
  seed: number;
  startYear: number;
  horizonYears: number;
  /** Calendar years money is booked in (administrations, follow-up windows, the last year close). */
  years: number[];
  total: ScopeResult;
  states: ScopeResult[];
  /** Per booking year: all states (stateCode null, with component means) and each state. */
  yearly: YearResult[];
  timing: {
    /** Expected rebates per quarter the ledger would stamp them, by component. */
    quarters: QuarterTiming[];
    /** Dollar-weighted mean months from administration to the rebate's entry. */
    meanMonthsToRebate: {
      guaranteed: number | null;
      volume: number | null;
      outcome: number | null;
      all: number | null;
    };
  };
  /** Patients drawn by the volume pool (counted for the volume tier only), per trial on average. */
  volumePoolPatientsMean: string | null;
  /** Facts worth knowing about the inputs (a hazard month wholly inside a washout, ...). */
  notes: string[];
  /** Wall-clock milliseconds of the simulation itself. */
  elapsedMs: number;
}
