import { Dec, isIsoDate, type IsoDate } from '@lib/common';
import type { TermSheet } from '@lib/reconciliation';

/** Where an assumption comes from: typed by the caller, read from the platform's data, or a stated default. */
export type AssumptionSource = 'USER' | 'PLATFORM_DATA' | 'ASSUMED';

export interface SourcedNote {
  source: AssumptionSource;
  /** What the figure is based on, in words (`12 treated episodes in 14 months of participation`). */
  note: string;
}

export type TreatedDistribution = 'FIXED' | 'POISSON' | 'NEGATIVE_BINOMIAL';

/** Treated patients per year: a rate (Poisson), a rate with uncertainty (negative binomial) or an exact count. */
export interface TreatedModel extends SourcedNote {
  distribution: TreatedDistribution;
  /** Mean patients per full year of participation (FIXED: the count, rounded half-up after the ramp). */
  perYear: number;
  /** NEGATIVE_BINOMIAL only: the size r; variance = mean + mean^2 / r. */
  dispersion: number | null;
}

/** From month `fromMonth` (months(A, E) of rebate-rules section 5) on, until the next piece. */
export interface HazardPiece {
  fromMonth: number;
  /** Probability of a first qualifying event in each such month, given none before. */
  monthlyProbability: number;
}

export interface FailureModel extends SourcedNote {
  benchmarkCode: string;
  /** Piecewise-constant monthly hazard, ascending fromMonth, the first from month 0. */
  hazard: HazardPiece[];
}

export interface StateAssumptions {
  stateCode: string;
  /** First day the state's administrations count (its participation); null = the enrollment start. */
  participationFrom: IsoDate | null;
  treated: TreatedModel;
  /** Multiplier of the yearly rate per simulated year; the last value holds for later years. */
  uptakeRamp: number[];
  /** One per benchmark of the terms. */
  failure: FailureModel[];
}

/** Patients of states outside the results that still count toward the pooled volume tier (section 6). */
export interface VolumePool extends SourcedNote {
  treated: TreatedModel;
  uptakeRamp: number[];
}

/** One administration with fixed events, instead of draws (exactly one trial). */
export interface FixedPatient {
  stateCode: string;
  administrationDate: IsoDate;
  events: { benchmarkCode: string; eventDate: IsoDate }[];
}

/** Everything a simulation depends on: stored as is, so any result can be reproduced. */
export interface SimulationSpec {
  terms: TermSheet;
  /** The first contract (calendar) year simulated. */
  startYear: number;
  horizonYears: number;
  trials: number;
  seed: number;
  states: StateAssumptions[];
  volumePool: VolumePool | null;
  fixedPatients: FixedPatient[] | null;
}

export const LIMITS = { maxTrials: 50_000, maxHorizonYears: 10, maxStates: 60, maxPerYear: 10_000 } as const;

/** A violation with its path, as every validation of the platform reports it. */
export interface SpecViolation {
  path: string;
  message: string;
}

/** Every rule a spec must satisfy beyond its structure; an empty list means valid. */
export function validateSimulationSpec(spec: SimulationSpec): SpecViolation[] {
  const out: SpecViolation[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  const intIn = (path: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      add(path, `must be a whole number from ${min} to ${max} (got ${v})`);
  };
  intIn('startYear', spec.startYear, 2000, 2100);
  intIn('horizonYears', spec.horizonYears, 1, LIMITS.maxHorizonYears);
  intIn('trials', spec.trials, 1, LIMITS.maxTrials);
  intIn('seed', spec.seed, 0, 4294967295);
  if (spec.states.length === 0) add('states', 'name at least one state');
  if (spec.states.length > LIMITS.maxStates) add('states', `at most ${LIMITS.maxStates} states`);
  const codes = spec.terms.benchmarks.map((b) => b.code);
  const seen = new Set<string>();
  spec.states.forEach((s, i) => {
    const p = `states[${i}]`;
    if (seen.has(s.stateCode)) add(`${p}.stateCode`, `${s.stateCode} is listed twice`);
    seen.add(s.stateCode);
    if (s.participationFrom !== null && !isIsoDate(s.participationFrom)) {
      add(`${p}.participationFrom`, 'must be a date YYYY-MM-DD');
    }
    validateTreated(`${p}.treated`, s.treated, add);
    validateRamp(`${p}.uptakeRamp`, s.uptakeRamp, add);
    const modelled = s.failure.map((f) => f.benchmarkCode);
    for (const code of codes) {
      if (!modelled.includes(code)) add(`${p}.failure`, `no failure model for benchmark ${code}`);
    }
    s.failure.forEach((f, j) => {
      const fp = `${p}.failure[${j}]`;
      if (!codes.includes(f.benchmarkCode))
        add(`${fp}.benchmarkCode`, `the terms have no benchmark ${f.benchmarkCode}`);
      if (modelled.indexOf(f.benchmarkCode) !== j) add(`${fp}.benchmarkCode`, `${f.benchmarkCode} is modelled twice`);
      validateHazard(`${fp}.hazard`, f.hazard, add);
    });
  });
  if (spec.volumePool) {
    validateTreated('volumePool.treated', spec.volumePool.treated, add);
    validateRamp('volumePool.uptakeRamp', spec.volumePool.uptakeRamp, add);
  }
  if (spec.fixedPatients) {
    if (spec.trials !== 1) add('trials', 'fixed patients are one scenario: trials must be 1');
    spec.fixedPatients.forEach((fp, i) => {
      const p = `fixedPatients[${i}]`;
      if (!seen.has(fp.stateCode)) add(`${p}.stateCode`, `${fp.stateCode} is not among the states`);
      if (!isIsoDate(fp.administrationDate)) add(`${p}.administrationDate`, 'must be a date YYYY-MM-DD');
      fp.events.forEach((e, j) => {
        if (!codes.includes(e.benchmarkCode)) {
          add(`${p}.events[${j}].benchmarkCode`, `the terms have no benchmark ${e.benchmarkCode}`);
        }
        if (!isIsoDate(e.eventDate)) add(`${p}.events[${j}].eventDate`, 'must be a date YYYY-MM-DD');
      });
    });
  }
  return out;
}

function validateTreated(path: string, t: TreatedModel, add: (path: string, message: string) => void): void {
  if (!Number.isFinite(t.perYear) || t.perYear < 0 || t.perYear > LIMITS.maxPerYear) {
    add(`${path}.perYear`, `must be from 0 to ${LIMITS.maxPerYear} patients a year (got ${t.perYear})`);
  }
  if (t.distribution === 'NEGATIVE_BINOMIAL') {
    if (t.dispersion === null || !Number.isFinite(t.dispersion) || t.dispersion <= 0) {
      add(`${path}.dispersion`, 'a negative binomial needs a dispersion above 0');
    }
  } else if (t.dispersion !== null) {
    add(`${path}.dispersion`, `only a NEGATIVE_BINOMIAL takes a dispersion (this is ${t.distribution})`);
  }
}

function validateRamp(path: string, ramp: number[], add: (path: string, message: string) => void): void {
  if (ramp.length === 0) add(path, 'give at least one multiplier (1 = the full rate)');
  ramp.forEach((r, i) => {
    if (!Number.isFinite(r) || r < 0 || r > 100) add(`${path}[${i}]`, `must be from 0 to 100 (got ${r})`);
  });
}

function validateHazard(path: string, hazard: HazardPiece[], add: (path: string, message: string) => void): void {
  if (hazard.length === 0 || hazard[0].fromMonth !== 0) add(path, 'the first piece must start at month 0');
  hazard.forEach((h, i) => {
    if (!Number.isInteger(h.fromMonth) || h.fromMonth < 0 || h.fromMonth > 600) {
      add(`${path}[${i}].fromMonth`, 'must be a whole month from 0 to 600');
    }
    if (i > 0 && h.fromMonth <= hazard[i - 1].fromMonth)
      add(`${path}[${i}].fromMonth`, 'pieces must ascend by fromMonth');
    if (!Number.isFinite(h.monthlyProbability) || h.monthlyProbability < 0 || h.monthlyProbability > 1) {
      add(`${path}[${i}].monthlyProbability`, `must be from 0 to 1 (got ${h.monthlyProbability})`);
    }
  });
}

/** The hazard in force in month m. */
export function hazardAt(hazard: readonly HazardPiece[], month: number): number {
  let p = 0;
  for (const piece of hazard) if (piece.fromMonth <= month) p = piece.monthlyProbability;
  return p;
}

/** The ramp multiplier of simulated year index y (0-based): the last value holds after the list. */
export function rampAt(ramp: readonly number[], yearIndex: number): number {
  return ramp.length === 0 ? 1 : ramp[Math.min(yearIndex, ramp.length - 1)];
}

// ---------------------------------------------------------------------------------------------
// JSON form (what is stored): decimals as text, never floats
// ---------------------------------------------------------------------------------------------

export type TermSheetJson = Omit<TermSheet, 'supplementalCapPct' | 'schedule' | 'benchmarks' | 'volumeTiers'> & {
  supplementalCapPct: string;
  schedule: { effectiveFrom: IsoDate; effectiveTo: IsoDate | null; wac: string; guaranteedRebatePct: string }[];
  benchmarks: (Omit<TermSheet['benchmarks'][number], 'tiers'> & {
    tiers: { throughMonth: number; rebatePct: string }[];
  })[];
  volumeTiers: { minTreatments: number; additionalRebatePct: string }[];
};

export type SimulationSpecJson = Omit<SimulationSpec, 'terms'> & { terms: TermSheetJson };

export function termSheetToJson(terms: TermSheet): TermSheetJson {
  return {
    enrollmentStart: terms.enrollmentStart,
    enrollmentEnd: terms.enrollmentEnd,
    supplementalCapPct: terms.supplementalCapPct.toFixed(),
    schedule: terms.schedule.map((e) => ({
      effectiveFrom: e.effectiveFrom,
      effectiveTo: e.effectiveTo,
      wac: e.wac.toFixed(),
      guaranteedRebatePct: e.guaranteedRebatePct.toFixed(),
    })),
    benchmarks: terms.benchmarks.map((b) => ({
      code: b.code,
      measure: b.measure,
      washoutDays: b.washoutDays,
      diagnosisPrefixes: [...b.diagnosisPrefixes],
      tiers: b.tiers.map((t) => ({ throughMonth: t.throughMonth, rebatePct: t.rebatePct.toFixed() })),
    })),
    volumeTiers: terms.volumeTiers.map((v) => ({
      minTreatments: v.minTreatments,
      additionalRebatePct: v.additionalRebatePct.toFixed(),
    })),
  };
}

export function termSheetFromJson(json: TermSheetJson): TermSheet {
  return {
    enrollmentStart: json.enrollmentStart,
    enrollmentEnd: json.enrollmentEnd,
    supplementalCapPct: new Dec(json.supplementalCapPct),
    schedule: json.schedule.map((e) => ({
      ...e,
      wac: new Dec(e.wac),
      guaranteedRebatePct: new Dec(e.guaranteedRebatePct),
    })),
    benchmarks: json.benchmarks.map((b) => ({
      ...b,
      tiers: b.tiers.map((t) => ({ throughMonth: t.throughMonth, rebatePct: new Dec(t.rebatePct) })),
    })),
    volumeTiers: json.volumeTiers.map((v) => ({
      minTreatments: v.minTreatments,
      additionalRebatePct: new Dec(v.additionalRebatePct),
    })),
  };
}

export function specToJson(spec: SimulationSpec): SimulationSpecJson {
  return { ...spec, terms: termSheetToJson(spec.terms) };
}

export function specFromJson(json: SimulationSpecJson): SimulationSpec {
  return { ...json, terms: termSheetFromJson(json.terms) };
}
