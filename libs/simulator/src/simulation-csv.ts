import { csvDocument, type CsvColumn } from '@lib/common';
import type { SimulationResult, Stats } from './engine';
import type { StoredSimulationResult } from './simulation.entity';

export interface SimulationCsvRow {
  simulationId: string;
  terms: string;
  state: string;
  year: string;
  metric: string;
  mean: string | null;
  p5: string | null;
  p50: string | null;
  p95: string | null;
}

const COLUMNS: CsvColumn<SimulationCsvRow>[] = [
  { header: 'simulation_id', kind: 'text', value: (r) => r.simulationId },
  { header: 'terms', kind: 'text', value: (r) => r.terms },
  { header: 'state', kind: 'text', value: (r) => r.state },
  { header: 'year', kind: 'text', value: (r) => r.year },
  { header: 'metric', kind: 'text', value: (r) => r.metric },
  { header: 'mean', kind: 'number', value: (r) => r.mean },
  { header: 'p5', kind: 'number', value: (r) => r.p5 },
  { header: 'p50', kind: 'number', value: (r) => r.p50 },
  { header: 'p95', kind: 'number', value: (r) => r.p95 },
];

function rowsOf(simulationId: string, terms: string, r: SimulationResult): SimulationCsvRow[] {
  const out: SimulationCsvRow[] = [];
  const push = (state: string, year: string, metric: string, s: Stats | { mean: string } | null) =>
    out.push({
      simulationId,
      terms,
      state,
      year,
      metric,
      mean: s?.mean ?? null,
      p5: s && 'p5' in s ? s.p5 : null,
      p50: s && 'p50' in s ? s.p50 : null,
      p95: s && 'p95' in s ? s.p95 : null,
    });
  for (const scope of [r.total, ...r.states]) {
    const state = scope.stateCode ?? 'ALL';
    push(state, 'ALL', 'treated_patients', scope.treatedPatients);
    push(state, 'ALL', 'gross', scope.gross);
    push(state, 'ALL', 'guaranteed', scope.guaranteed);
    push(state, 'ALL', 'volume', scope.volume);
    for (const b of scope.outcomeByBenchmark) push(state, 'ALL', `outcome:${b.benchmarkCode}`, b.amount);
    push(state, 'ALL', 'rebates', scope.rebates);
    push(state, 'ALL', 'net', scope.net);
    push(state, 'ALL', 'net_price_per_patient', scope.netPricePerPatient);
    push(state, 'ALL', 'cap_binds_patient_share', { mean: String(scope.capBindsPatientShare) });
    push(state, 'ALL', 'cap_binds_trial_probability', { mean: String(scope.capBindsTrialProbability) });
  }
  for (const y of r.yearly) {
    const state = y.stateCode ?? 'ALL';
    const year = String(y.year);
    push(state, year, 'treated_patients', { mean: y.treatedPatientsMean });
    push(state, year, 'gross', { mean: y.grossMean });
    push(state, year, 'rebates', { mean: y.rebatesMean });
    push(state, year, 'net', y.net);
  }
  for (const q of r.timing.quarters) {
    push('ALL', q.quarter, 'rebate_timing:guaranteed', { mean: q.guaranteed });
    push('ALL', q.quarter, 'rebate_timing:volume', { mean: q.volume });
    push('ALL', q.quarter, 'rebate_timing:outcome', { mean: q.outcome });
  }
  return out;
}

/** The CSV export of a run, through the platform's one CSV writer (formula-safe text cells). */
export function simulationCsv(simulationId: string, stored: StoredSimulationResult): string {
  const rows =
    stored.kind === 'SINGLE'
      ? rowsOf(simulationId, 'A', stored.result)
      : [
          ...rowsOf(simulationId, 'A', stored.comparison.a),
          ...rowsOf(simulationId, 'B', stored.comparison.b),
          ...stored.comparison.differences.flatMap((d) => [
            {
              simulationId,
              terms: 'B-A',
              state: d.stateCode ?? 'ALL',
              year: 'ALL',
              metric: 'net',
              mean: d.netSpendDifference,
              p5: null,
              p50: null,
              p95: null,
            },
            {
              simulationId,
              terms: 'B-A',
              state: d.stateCode ?? 'ALL',
              year: 'ALL',
              metric: 'net_price_per_patient',
              mean: d.netPricePerPatientDifference,
              p5: null,
              p50: null,
              p95: null,
            },
          ]),
        ];
  return csvDocument(COLUMNS, rows);
}
