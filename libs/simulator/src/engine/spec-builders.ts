import { casgevyTerms } from '@lib/agreements';
import type { TermSheet } from '@lib/reconciliation';
import type { HazardPiece, SimulationSpec, StateAssumptions, TreatedModel } from './simulation-input';

/** Test and bench builders: the worked example's terms and simple per-state assumptions. */
export function termsOf(overrides: Partial<TermSheet> = {}): TermSheet {
  return { ...casgevyTerms(), ...overrides };
}

export function treated(
  distribution: TreatedModel['distribution'],
  perYear: number,
  dispersion: number | null = null,
): TreatedModel {
  return { distribution, perYear, dispersion, source: 'USER', note: 'test' };
}

export function stateOf(
  stateCode: string,
  model: TreatedModel,
  hazard: HazardPiece[],
  terms: TermSheet,
  uptakeRamp: number[] = [1],
): StateAssumptions {
  return {
    stateCode,
    participationFrom: null,
    treated: model,
    uptakeRamp,
    failure: terms.benchmarks.map((b) => ({ benchmarkCode: b.code, hazard, source: 'USER', note: 'test' })),
  };
}

export function specOf(
  terms: TermSheet,
  states: StateAssumptions[],
  overrides: Partial<SimulationSpec> = {},
): SimulationSpec {
  return {
    terms,
    startYear: 2026,
    horizonYears: 3,
    trials: 200,
    seed: 1,
    states,
    volumePool: null,
    fixedPatients: null,
    ...overrides,
  };
}
