/**
 * npm run bench:simulator [-- --trials 10000 --states 35 --years 5]
 *
 * The term-sheet simulator's performance figure (README "Term-sheet simulator", Performance):
 * 10,000 trials x 35 states x 5 years, meant to take under 5 s, with the worked example's terms,
 * 35 jurisdictions at about 10 treated patients a year each (Poisson, a ramp), a two-piece
 * monthly hazard. Prints the time of the simulation itself
 * and, as the raw ceiling measured in the same run, the time of a loop that only draws the same
 * number of uniforms (the PRNG alone), so a slow machine shows as slow in both figures.
 */
import { Command } from 'commander';
import { Dec } from '@lib/common';
import { simulateTermSheet } from '@lib/simulator';
import { Prng } from '../libs/simulator/src/engine/prng';
import { specOf, stateOf, termsOf, treated } from '../libs/simulator/src/engine/spec-builders';

const JURISDICTIONS =
  'AZ AR CA CO CT DE FL IL KS KY LA ME MD MI MS MO NJ NY NC OH OK OR PA RI SC TN TX UT VT VA WA WV WI DC PR'.split(' ');

function main(): void {
  const options = new Command()
    .option('--trials <n>', 'trials', '10000')
    .option('--states <n>', 'states (at most 35)', '35')
    .option('--years <n>', 'horizon in years', '5')
    .option('--runs <n>', 'runs (the median is reported)', '3')
    .parse(process.argv)
    .opts<{ trials: string; states: string; years: string; runs: string }>();
  const terms = termsOf({
    volumeTiers: [
      { minTreatments: 150, additionalRebatePct: new Dec('0.02') },
      { minTreatments: 300, additionalRebatePct: new Dec('0.04') },
    ],
  });
  const hazard = [
    { fromMonth: 0, monthlyProbability: 0.02 },
    { fromMonth: 12, monthlyProbability: 0.01 },
  ];
  const states = JURISDICTIONS.slice(0, Number(options.states)).map((code) =>
    stateOf(code, treated('POISSON', 10), hazard, terms, [0.5, 0.8, 1]),
  );
  const spec = specOf(terms, states, { trials: Number(options.trials), horizonYears: Number(options.years), seed: 1 });
  const runs: number[] = [];
  let patients = '';
  for (let i = 0; i < Number(options.runs); i += 1) {
    const started = process.hrtime.bigint();
    const result = simulateTermSheet(spec);
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
    patients = result.total.treatedPatients.mean;
  }
  const drawn = Math.round(Number(patients) * Number(options.trials));
  // Raw ceiling: the PRNG alone, for the uniforms the run needs at least (month + one event per patient).
  const rng = new Prng(1);
  const rawStarted = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < drawn * 2; i += 1) sink += rng.next();
  const rawMs = Number(process.hrtime.bigint() - rawStarted) / 1e6;
  const median = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const row = (k: string, v: string) => console.log(`${k.padEnd(34)} ${v}`);
  row('trials x states x years', `${options.trials} x ${states.length} x ${options.years}`);
  row('patients simulated per run', drawn.toLocaleString('en-US'));
  row(
    'simulation (median of runs)',
    `${(median / 1000).toFixed(2)} s  (runs: ${runs.map((r) => (r / 1000).toFixed(2)).join(', ')} s)`,
  );
  row('patients per second', Math.round(drawn / (median / 1000)).toLocaleString('en-US'));
  row(
    'raw ceiling: PRNG draws only',
    `${(rawMs / 1000).toFixed(3)} s for ${(drawn * 2).toLocaleString('en-US')} uniforms (${sink > 0 ? 'ok' : ''})`,
  );
  row('target', '10,000 x 35 x 5 under 5 s');
}

main();
