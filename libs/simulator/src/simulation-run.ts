import { compareTermSheets, simulateTermSheet, specFromJson, termSheetFromJson, type SimulateOptions } from './engine';
import type { StoredSimulationResult, StoredSimulationSpec } from './simulation.entity';

/** Runs a stored spec: the same function gives the same result for the same stored spec. */
export function runStoredSpec(stored: StoredSimulationSpec, options: SimulateOptions = {}): StoredSimulationResult {
  const base = specFromJson(stored.base);
  if (stored.compareTerms === null) return { kind: 'SINGLE', result: simulateTermSheet(base, options) };
  const { terms, ...rest } = base;
  return {
    kind: 'COMPARISON',
    comparison: compareTermSheets(rest, terms, termSheetFromJson(stored.compareTerms), {
      ...options,
      sensitivityTrials: stored.sensitivityTrials ?? undefined,
    }),
  };
}
