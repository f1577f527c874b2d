import { Dec } from '@lib/common';
import { compareTermSheets } from './comparison';
import { InvalidSimulationSpec, simulateTermSheet } from './monte-carlo';
import type { SimulationResult } from './simulation-result';
import type { HazardPiece } from './simulation-input';
import { specOf, stateOf, termsOf, treated } from './spec-builders';

const NEVER: HazardPiece[] = [{ fromMonth: 0, monthlyProbability: 0 }];
/** Every patient's first counting event falls in month 1 since administration (months(A, E) = 1). */
const MONTH_ONE: HazardPiece[] = [
  { fromMonth: 0, monthlyProbability: 0 },
  { fromMonth: 1, monthlyProbability: 1 },
];
const NO_VOLUME = termsOf({ volumeTiers: [] });

const allStats = (s: { mean: string; p5: string; p50: string; p95: string } | null) =>
  s === null ? null : [s.mean, s.p5, s.p50, s.p95];
const withoutTime = (r: SimulationResult) => ({ ...r, elapsedMs: 0 });

describe('degenerate cases are exact (failure probability 0: rebates = guaranteed + volume)', () => {
  it.each([
    ['Poisson counts, no volume tier', NO_VOLUME, treated('POISSON', 7), '220000.00', '0.00'],
    ['negative binomial counts, no volume tier', NO_VOLUME, treated('NEGATIVE_BINOMIAL', 5, 2), '220000.00', '0.00'],
    // 3 states x 20 a year = 60 >= 50 at every year close: 2 % of 2,200,000.00 (rebate-rules section 6).
    ['fixed counts reaching the first volume tier together', termsOf(), treated('FIXED', 20), '220000.00', '44000.00'],
  ])('%s', (_case, terms, model, guaranteed, volume) => {
    const r = simulateTermSheet(
      specOf(
        terms,
        ['NY', 'TX', 'CA'].map((s) => stateOf(s, model, NEVER, terms)),
      ),
    );
    const perPatient = new Dec(guaranteed).plus(volume);
    const trials = r.trials;
    expect(trials).toBe(200);
    for (const scope of [r.total, ...r.states]) {
      // Every trial: rebates = (G + V) x patients, to the cent; so net price per patient is exact in every trial.
      expect(scope.outcome.p95).toBe('0.00');
      expect(scope.outcome.mean).toBe('0.00');
      expect(allStats(scope.netPricePerPatient)).toEqual(
        Array(4).fill(new Dec('2200000.00').minus(perPatient).toFixed(2)),
      );
      expect(scope.capBindsPatientShare).toBe(0);
      // Rebates rise with patients one for one, so each band is (G + V) x that band's patients.
      for (const band of ['p5', 'p50', 'p95'] as const) {
        expect(scope.rebates[band]).toBe(perPatient.times(scope.treatedPatients[band]).toFixed(2));
      }
    }
    if (model.distribution === 'FIXED') {
      // 180 patients in every trial: each band is one number.
      expect(allStats(r.total.rebates)).toEqual(Array(4).fill(perPatient.times(180).toFixed(2)));
      expect(allStats(r.total.volume)).toEqual(Array(4).fill(new Dec(volume).times(180).toFixed(2)));
    }
  });

  it('a state alone below the volume tier gets none; the pool of other states lifts it over', () => {
    const terms = termsOf();
    const alone = simulateTermSheet(specOf(terms, [stateOf('NY', treated('FIXED', 20), NEVER, terms)]));
    expect(alone.total.volume.mean).toBe('0.00');
    const pooled = simulateTermSheet(
      specOf(terms, [stateOf('NY', treated('FIXED', 20), NEVER, terms)], {
        volumePool: { treated: treated('FIXED', 30), uptakeRamp: [1], source: 'USER', note: 'test' },
      }),
    );
    expect(allStats(pooled.total.volume)).toEqual(Array(4).fill(new Dec('44000.00').times(60).toFixed(2)));
    expect(pooled.volumePoolPatientsMean).toBe('90');
    // VOLUME is appended at the year close, assumed in the first quarter after 31 December.
    expect(pooled.timing.quarters.filter((q) => q.volume !== '0.00').map((q) => q.quarter)).toEqual([
      '2027Q1',
      '2028Q1',
      '2029Q1',
    ]);
  });
});

describe('degenerate cases are exact (probability 1 in month 1: min(cap, guaranteed + first tier) per patient)', () => {
  it.each([
    // G 220,000 + tier 12 (50 %) 1,100,000 = 1,320,000 < cap 1,650,000: the cap does not bind.
    ['first tier below the cap', '0.50', 30, MONTH_ONE, '1320000.00', 0, [1, 2.1]],
    // G 220,000 + 70 % 1,540,000 = 1,760,000 > cap 1,650,000: the outcome is cut to 1,430,000.
    ['first tier above the cap', '0.70', 30, MONTH_ONE, '1650000.00', 1, [1, 2.1]],
    // Without a washout, month 0 already counts.
    ['no washout, month 0', '0.50', 0, [{ fromMonth: 0, monthlyProbability: 1 }], '1320000.00', 0, [0, 1.1]],
  ])('%s', (_case, firstTier, washoutDays, hazard, perPatient, capShare, [fromMonths, toMonths]) => {
    const base = termsOf({ volumeTiers: [] });
    const terms = termsOf({
      volumeTiers: [],
      benchmarks: [
        {
          ...base.benchmarks[0],
          washoutDays,
          tiers: [{ throughMonth: 12, rebatePct: new Dec(firstTier) }, ...base.benchmarks[0].tiers.slice(1)],
        },
      ],
    });
    const r = simulateTermSheet(
      specOf(
        terms,
        ['NY', 'TX'].map((s) => stateOf(s, treated('POISSON', 9), hazard, terms)),
      ),
    );
    for (const scope of [r.total, ...r.states]) {
      expect(allStats(scope.netPricePerPatient)).toEqual(
        Array(4).fill(new Dec('2200000.00').minus(perPatient).toFixed(2)),
      );
      expect(scope.capBindsPatientShare).toBe(capShare);
    }
    for (const band of ['p5', 'p50', 'p95'] as const) {
      expect(r.total.rebates[band]).toBe(new Dec(perPatient).times(r.total.treatedPatients[band]).toFixed(2));
    }
    // The outcome is appended in the month of the event: about that many months after administration.
    expect(r.timing.meanMonthsToRebate.outcome).toBeGreaterThanOrEqual(fromMonths);
    expect(r.timing.meanMonthsToRebate.outcome).toBeLessThan(toMonths);
  });
});

describe('fixed patients price exactly as rebate-rules sections 5 and 6 say', () => {
  const terms = termsOf({ volumeTiers: [] });
  const one = (events: { benchmarkCode: string; eventDate: string }[], t = terms) =>
    simulateTermSheet(
      specOf(t, [stateOf('NY', treated('FIXED', 0), NEVER, t)], {
        trials: 1,
        fixedPatients: [{ stateCode: 'NY', administrationDate: '2026-03-10', events }],
      }),
    );

  it.each([
    [
      'worked example: admission 2027-05-20, months 14 -> tier 24 (30 %)',
      [{ benchmarkCode: 'VOE12', eventDate: '2027-05-20' }],
      '660000.00',
    ],
    ['months 7 -> tier 12 (50 %)', [{ benchmarkCode: 'VOE12', eventDate: '2026-11-02' }], '1100000.00'],
    ['inside the 30-day washout (2026-04-09): nothing', [{ benchmarkCode: 'VOE12', eventDate: '2026-04-09' }], '0.00'],
    ['the first day after the washout counts', [{ benchmarkCode: 'VOE12', eventDate: '2026-04-10' }], '1100000.00'],
    ['after the window (months 36): nothing', [{ benchmarkCode: 'VOE12', eventDate: '2029-03-10' }], '0.00'],
    [
      'the first counting event decides',
      [
        { benchmarkCode: 'VOE12', eventDate: '2028-01-01' },
        { benchmarkCode: 'VOE12', eventDate: '2026-04-01' },
        { benchmarkCode: 'VOE12', eventDate: '2027-05-20' },
      ],
      '660000.00',
    ],
  ])('%s', (_case, events, outcome) => {
    const r = one(events);
    expect(r.total.guaranteed.mean).toBe('220000.00');
    expect(r.total.outcome.mean).toBe(outcome);
  });

  it('two benchmarks: the cap takes the earlier event first, the later one is cut (section 5)', () => {
    const voe = terms.benchmarks[0];
    const two = termsOf({
      volumeTiers: [],
      benchmarks: [
        { ...voe, code: 'AAA', tiers: [{ throughMonth: 36, rebatePct: new Dec('0.50') }] },
        { ...voe, code: 'ZZZ', tiers: [{ throughMonth: 36, rebatePct: new Dec('0.50') }] },
      ],
    });
    const r = simulateTermSheet(
      specOf(two, [stateOf('NY', treated('FIXED', 0), NEVER, two)], {
        trials: 1,
        fixedPatients: [
          {
            stateCode: 'NY',
            administrationDate: '2026-03-10',
            events: [
              { benchmarkCode: 'AAA', eventDate: '2027-02-01' },
              { benchmarkCode: 'ZZZ', eventDate: '2026-12-01' },
            ],
          },
        ],
      }),
    );
    // headroom 1,650,000 - 220,000 = 1,430,000: ZZZ (earlier) 1,100,000, AAA the 330,000 left.
    expect(r.total.outcomeByBenchmark).toEqual([
      { benchmarkCode: 'AAA', amount: expect.objectContaining({ mean: '330000.00' }) },
      { benchmarkCode: 'ZZZ', amount: expect.objectContaining({ mean: '1100000.00' }) },
    ]);
    expect(r.total.capBindsPatientShare).toBe(1);
  });

  it('a year close shrinks an outcome booked before it (cap order GUARANTEED, VOLUME, OUTCOME)', () => {
    const t = termsOf({ volumeTiers: [{ minTreatments: 1, additionalRebatePct: new Dec('0.40') }] });
    const r = simulateTermSheet(
      specOf(t, [stateOf('NY', treated('FIXED', 0), NEVER, t)], {
        trials: 1,
        fixedPatients: [
          {
            stateCode: 'NY',
            administrationDate: '2026-03-10',
            events: [{ benchmarkCode: 'VOE12', eventDate: '2026-11-02' }],
          },
        ],
      }),
    );
    // VOLUME 880,000; OUTCOME 1,100,000 booked in 2026Q4, cut to 1,650,000 - 220,000 - 880,000 = 550,000 at the close.
    expect(r.total.volume.mean).toBe('880000.00');
    expect(r.total.outcome.mean).toBe('550000.00');
    expect(r.timing.quarters).toEqual([
      { quarter: '2026Q1', guaranteed: '220000.00', volume: '0.00', outcome: '0.00' },
      { quarter: '2026Q4', guaranteed: '0.00', volume: '0.00', outcome: '1100000.00' },
      { quarter: '2027Q1', guaranteed: '0.00', volume: '880000.00', outcome: '-550000.00' },
    ]);
  });
});

describe('reproducible and convergent', () => {
  const terms = termsOf();
  const hazard: HazardPiece[] = [
    { fromMonth: 0, monthlyProbability: 0.03 },
    { fromMonth: 12, monthlyProbability: 0.015 },
  ];
  const states = ['NY', 'TX', 'CA', 'FL'].map((s) => stateOf(s, treated('POISSON', 12), hazard, terms, [0.6, 1]));

  it('the same input and seed give the same result; another seed another', () => {
    const a = simulateTermSheet(specOf(terms, states, { seed: 42 }));
    const b = simulateTermSheet(specOf(terms, states, { seed: 42 }));
    const c = simulateTermSheet(specOf(terms, states, { seed: 43 }));
    expect(withoutTime(a)).toEqual(withoutTime(b));
    expect(c.total.net.mean).not.toBe(a.total.net.mean);
  });

  it('the P50 of net spend over 10,000 trials is within 1 % of 50,000 (reference case)', () => {
    const p50 = (trials: number) =>
      new Dec(simulateTermSheet(specOf(terms, states, { trials, seed: 7 })).total.net.p50);
    const ten = p50(10_000);
    const fifty = p50(50_000);
    expect(ten.minus(fifty).abs().div(fifty).toNumber()).toBeLessThan(0.01);
  });
});

describe('comparing two term sheets', () => {
  it('the same patients under both; differences per state; the sensitivity table ranks the assumptions', () => {
    const a = termsOf();
    const b = termsOf({ supplementalCapPct: new Dec('0.60') });
    const hazard: HazardPiece[] = [{ fromMonth: 0, monthlyProbability: 0.05 }];
    const states = ['NY', 'TX'].map((s) => stateOf(s, treated('POISSON', 10), hazard, a));
    const r = compareTermSheets(specOf(a, states, { trials: 500 }), a, b, { sensitivityTrials: 200 });
    expect(r.a.total.treatedPatients).toEqual(r.b.total.treatedPatients);
    expect(r.a.total.gross).toEqual(r.b.total.gross);
    // A lower cap can only take rebates away: B's net price is at least A's.
    const total = r.differences[0];
    expect(total.stateCode).toBeNull();
    expect(new Dec(total.netPricePerPatientDifference ?? '-1').greaterThanOrEqualTo(0)).toBe(true);
    expect(r.differences.map((d) => d.stateCode)).toEqual([null, 'NY', 'TX']);
    expect(r.sensitivity.map((s) => s.assumption).sort()).toEqual([
      'Failure hazard of VOE12 (every state)',
      'Treated patients per year (every state)',
    ]);
    const swings = r.sensitivity.map((s) => Number(s.swing));
    expect(swings).toEqual([...swings].sort((x, y) => y - x));
  });
});

describe('bad input is refused with every violation and its path', () => {
  it('lists them', () => {
    const terms = termsOf();
    const bad = specOf(
      terms,
      [
        { ...stateOf('NY', treated('POISSON', -1), [{ fromMonth: 3, monthlyProbability: 2 }], terms), uptakeRamp: [] },
        stateOf('NY', treated('FIXED', 1, 3), [], terms),
      ],
      { trials: 0 },
    );
    let error: unknown;
    try {
      simulateTermSheet(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSimulationSpec);
    expect((error as InvalidSimulationSpec).violations.map((v) => v.path)).toEqual([
      'trials',
      'states[0].treated.perYear',
      'states[0].uptakeRamp',
      'states[0].failure[0].hazard',
      'states[0].failure[0].hazard[0].monthlyProbability',
      'states[1].stateCode',
      'states[1].treated.dispersion',
      'states[1].failure[0].hazard',
    ]);
  });
});
