import { line } from './spec-builders';
import { statementTotals } from './statement-totals';
import { type StatementLine } from './types';

const text = (t: ReturnType<typeof statementTotals>) => ({
  total: t.total.toFixed(2),
  current: t.currentPeriod.toFixed(2),
  prior: t.priorPeriod.toFixed(2),
  byComponent: t.byComponent.map((c) => `${c.component}=${c.amount.toFixed(2)}`),
  byCause: t.byCause.filter((c) => !c.amount.isZero()).map((c) => `${c.cause}=${c.amount.toFixed(2)}`),
  priorByQuarter: t.priorPeriodByServiceQuarter.map((p) => `${p.serviceQuarter}=${p.amount.toFixed(2)}`),
});

describe('statement totals (rebate-rules section 8)', () => {
  const cases: [string, string, StatementLine[], ReturnType<typeof text>][] = [
    [
      'empty statement',
      '2026Q1',
      [],
      { total: '0.00', current: '0.00', prior: '0.00', byComponent: [], byCause: [], priorByQuarter: [] },
    ],
    [
      'worked example 2026Q1',
      '2026Q1',
      [line()],
      {
        total: '220000.00',
        current: '220000.00',
        prior: '0.00',
        byComponent: ['GUARANTEED=220000.00'],
        byCause: ['CLAIMS=220000.00'],
        priorByQuarter: [],
      },
    ],
    [
      'zero-total: a late 2026Q4 outcome and its 2027Q1 reversal on one statement',
      '2027Q1',
      [
        line({ component: 'OUTCOME:VOE12', serviceQuarter: '2027Q1', amount: '-1100000.00' }),
        line({ component: 'OUTCOME:VOE12', serviceQuarter: '2026Q4', amount: '1100000.00' }),
      ],
      {
        total: '0.00',
        current: '-1100000.00',
        prior: '1100000.00',
        byComponent: ['OUTCOME:VOE12=0.00'],
        byCause: [],
        priorByQuarter: ['2026Q4=1100000.00'],
      },
    ],
    [
      'components in cap-chain order, each benchmark separately',
      '2027Q2',
      [
        line({ component: 'OUTCOME:VOE24', serviceQuarter: '2027Q2', amount: '10.01' }),
        line({ component: 'OUTCOME:DEATH', serviceQuarter: '2027Q2', amount: '5.00' }),
        line({ component: 'VOLUME', serviceQuarter: '2027Q2', cause: 'YEAR_CLOSE', amount: '0.10' }),
        line({ component: 'GUARANTEED', serviceQuarter: '2027Q2', amount: '0.20' }),
        line({ component: 'OUTCOME:VOE24', serviceQuarter: '2027Q2', amount: '0.02' }),
      ],
      {
        total: '15.33',
        current: '15.33',
        prior: '0.00',
        byComponent: ['GUARANTEED=0.20', 'VOLUME=0.10', 'OUTCOME:DEATH=5.00', 'OUTCOME:VOE24=10.03'],
        byCause: ['CLAIMS=15.23', 'YEAR_CLOSE=0.10'],
        priorByQuarter: [],
      },
    ],
    [
      'every cause, prior periods across several quarters',
      '2027Q3',
      [
        line({ serviceQuarter: '2027Q3', cause: 'CLAIMS', amount: '100.00' }),
        line({ serviceQuarter: '2027Q1', cause: 'DISPUTE_RESOLUTION', amount: '-40.00' }),
        line({ serviceQuarter: '2026Q4', cause: 'AMENDMENT', amount: '7.50' }),
        line({ serviceQuarter: '2027Q1', cause: 'PARTICIPATION_CHANGE', amount: '-2.25' }),
        line({ serviceQuarter: '2027Q3', cause: 'YEAR_CLOSE', amount: '0.01' }),
        line({ serviceQuarter: '2027Q3', cause: 'OBSERVATION', amount: '-0.01' }),
      ],
      {
        total: '65.25',
        current: '100.00',
        prior: '-34.75',
        byComponent: ['GUARANTEED=65.25'],
        byCause: [
          'CLAIMS=100.00',
          'DISPUTE_RESOLUTION=-40.00',
          'AMENDMENT=7.50',
          'PARTICIPATION_CHANGE=-2.25',
          'YEAR_CLOSE=0.01',
          'OBSERVATION=-0.01',
        ],
        priorByQuarter: ['2026Q4=7.50', '2027Q1=-42.25'],
      },
    ],
    [
      'exact with many cents (no float drift)',
      '2026Q1',
      Array.from({ length: 10 }, () => line({ amount: '0.10' })),
      {
        total: '1.00',
        current: '1.00',
        prior: '0.00',
        byComponent: ['GUARANTEED=1.00'],
        byCause: ['CLAIMS=1.00'],
        priorByQuarter: [],
      },
    ],
    [
      'negative statement (credit)',
      '2027Q1',
      [line({ serviceQuarter: '2026Q3', cause: 'PARTICIPATION_CHANGE', amount: '-220000.00' })],
      {
        total: '-220000.00',
        current: '0.00',
        prior: '-220000.00',
        byComponent: ['GUARANTEED=-220000.00'],
        byCause: ['PARTICIPATION_CHANGE=-220000.00'],
        priorByQuarter: ['2026Q3=-220000.00'],
      },
    ],
  ];
  it.each(cases)('%s', (_name, quarter, lines, expected) => {
    expect(text(statementTotals(quarter, lines))).toEqual(expected);
  });

  it('lists every cause, zero when absent', () => {
    expect(statementTotals('2026Q1', []).byCause.map((c) => c.cause)).toEqual([
      'CLAIMS',
      'DISPUTE_RESOLUTION',
      'AMENDMENT',
      'PARTICIPATION_CHANGE',
      'YEAR_CLOSE',
      'OBSERVATION',
    ]);
  });

  it('counts lines', () => {
    expect(statementTotals('2026Q1', [line(), line()]).lineCount).toBe(2);
  });

  it('refuses a line serviced after the statement quarter', () => {
    expect(() => statementTotals('2026Q1', [line({ serviceQuarter: '2026Q2' })])).toThrow(
      'after its statement quarter',
    );
  });

  it('refuses a malformed statement quarter', () => {
    expect(() => statementTotals('2026Q0', [])).toThrow('Not a quarter');
  });
});
