import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCell, dec, type Quarter } from '@lib/common';
import { line } from './spec-builders';
import { STATEMENT_CSV_COLUMNS, statementCsv } from './statement-csv';
import { statementNumber } from './statement-number';
import { statementQuarterOf } from '@lib/ledger';
import { statementTotals } from './statement-totals';
import { type Component, type StatementLine } from './types';

const HEADER =
  'statement_number,state,labeler_code,product,ndc11,episode_ref,administration_date,component,service_quarter,amount';

/** The four ledger entries of rebate-rules section 9, read from the shared fixture. */
function workedExampleLines(): StatementLine[] {
  const csv = readFileSync(join(__dirname, '../../../../test/fixtures/worked-example/expected-ledger.csv'), 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  const cols = header.split(',');
  return rows.map((row, i) => {
    const f = Object.fromEntries(row.split(',').map((v, j) => [cols[j], v]));
    return {
      lineId: `E${i + 1}`,
      product: f.product,
      ndc11: f.ndc11,
      episodeRef: 'EP-NY-0001',
      administrationDate: f.administration_date,
      component: f.component as Component,
      serviceQuarter: f.service_quarter,
      cause: 'CLAIMS',
      amount: dec(f.amount),
    };
  });
}

/** Entries arrive in order; after each, `issueAfter` says which quarters get issued. */
function landOnStatements(entries: StatementLine[], issueAfter: Quarter[][]): Map<Quarter, StatementLine[]> {
  const issued = new Set<Quarter>();
  const statements = new Map<Quarter, StatementLine[]>();
  entries.forEach((entry, i) => {
    const q = statementQuarterOf(entry.serviceQuarter, issued);
    statements.set(q, [...(statements.get(q) ?? []), entry]);
    for (const done of issueAfter[i] ?? []) issued.add(done);
  });
  return statements;
}

function csvOf(quarter: Quarter, lines: StatementLine[]): string {
  const key = { state: 'NY', labelerCode: '51167', quarter };
  return statementCsv({ statementNumber: statementNumber(key), state: 'NY', labelerCode: '51167', lines });
}

describe('statement CSV (rebate-rules section 8) on the worked example (section 9)', () => {
  const entries = workedExampleLines();

  describe('each quarter issued before the next file arrives', () => {
    const statements = landOnStatements(entries, [['2026Q1'], ['2026Q4'], ['2027Q1'], ['2027Q2']]);
    it.each<[Quarter, string, string]>([
      ['2026Q1', 'GUARANTEED,2026Q1,220000.00', '220000.00'],
      ['2026Q4', 'OUTCOME:VOE12,2026Q4,1100000.00', '1100000.00'],
      ['2027Q1', 'OUTCOME:VOE12,2027Q1,-1100000.00', '-1100000.00'],
      ['2027Q2', 'OUTCOME:VOE12,2027Q2,660000.00', '660000.00'],
    ])('%s holds %s', (quarter, tail, total) => {
      const lines = statements.get(quarter) ?? [];
      expect(csvOf(quarter, lines)).toBe(
        `${HEADER}\r\nCGT-NY-${'51167'}-${quarter},NY,51167,CASGEVY,51167029009,EP-NY-0001,2026-03-10,${tail}\r\n`,
      );
      expect(statementTotals(quarter, lines).total.toFixed(2)).toBe(total);
    });
    it('lands on exactly four statements', () => {
      expect([...statements.keys()]).toEqual(['2026Q1', '2026Q4', '2027Q1', '2027Q2']);
    });
  });

  describe('2026Q4 already issued when the 2026Q4-service entry arrives', () => {
    const statements = landOnStatements(entries, [['2026Q1', '2026Q4']]);
    const lines = statements.get('2027Q1') ?? [];
    it('lands on 2027Q1 as a prior-period adjustment showing service quarter 2026Q4', () => {
      expect(statements.has('2026Q4')).toBe(false);
      expect(csvOf('2027Q1', lines)).toBe(
        `${HEADER}\r\n` +
          'CGT-NY-51167-2027Q1,NY,51167,CASGEVY,51167029009,EP-NY-0001,2026-03-10,OUTCOME:VOE12,2026Q4,1100000.00\r\n' +
          'CGT-NY-51167-2027Q1,NY,51167,CASGEVY,51167029009,EP-NY-0001,2026-03-10,OUTCOME:VOE12,2027Q1,-1100000.00\r\n',
      );
      const totals = statementTotals('2027Q1', lines);
      expect([totals.total, totals.priorPeriod, totals.currentPeriod].map((d) => d.toFixed(2))).toEqual([
        '0.00',
        '1100000.00',
        '-1100000.00',
      ]);
    });
  });
});

describe('statement CSV format', () => {
  it('has exactly the section 8 columns', () => {
    expect(STATEMENT_CSV_COLUMNS.join(',')).toBe(HEADER);
  });

  it('a statement with no lines is just the header', () => {
    expect(statementCsv({ statementNumber: 'CGT-NY-51167-2026Q1', state: 'NY', labelerCode: '51167', lines: [] })).toBe(
      `${HEADER}\r\n`,
    );
  });

  it.each<[string, string]>([
    ['CASGEVY', 'CASGEVY'],
    ['A,B', '"A,B"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ])('quotes %j as %j', (value, expected) => {
    expect(csvCell(value, 'text')).toBe(expected);
  });

  it('keeps negative amounts as plain numbers and neutralises formula-like text cells', () => {
    const csv = statementCsv({
      statementNumber: 'CGT-NY-51167-2026Q1',
      state: 'NY',
      labelerCode: '51167',
      lines: [line({ product: '=HYPERLINK("http://evil.example","x")', episodeRef: '@EP', amount: '-1100000' })],
    });
    expect(csv.split('\r\n')[1]).toBe(
      `CGT-NY-51167-2026Q1,NY,51167,"'=HYPERLINK(""http://evil.example"",""x"")",51167029009,"'@EP",2026-03-10,GUARANTEED,2026Q1,-1100000.00`,
    );
  });

  it('quotes a product name with a comma inside the row', () => {
    const csv = statementCsv({
      statementNumber: 'CGT-NY-51167-2026Q1',
      state: 'NY',
      labelerCode: '51167',
      lines: [line({ product: 'LYFGENIA, "kit"' })],
    });
    expect(csv.split('\r\n')[1]).toBe(
      'CGT-NY-51167-2026Q1,NY,51167,"LYFGENIA, ""kit""",51167029009,EP-NY-0001,2026-03-10,GUARANTEED,2026Q1,220000.00',
    );
  });

  it.each<[string, string]>([
    ['220000', '220000.00'],
    ['-0.5', '-0.50'],
    ['0', '0.00'],
    ['12.345', '12.35'],
  ])('amount %s is written %s', (amount, expected) => {
    const csv = statementCsv({ statementNumber: 'N', state: 'NY', labelerCode: '51167', lines: [line({ amount })] });
    expect(csv.trimEnd().split(',').pop()).toBe(expected);
  });

  it('orders lines by administration date, episode, component, service quarter, whatever the input order', () => {
    const lines = [
      line({ administrationDate: '2026-05-01', episodeRef: 'EP-A' }),
      line({ administrationDate: '2026-03-10', episodeRef: 'EP-B', component: 'OUTCOME:VOE12' }),
      line({ administrationDate: '2026-03-10', episodeRef: 'EP-B', component: 'VOLUME' }),
      line({ administrationDate: '2026-03-10', episodeRef: 'EP-A', serviceQuarter: '2026Q2' }),
      line({ administrationDate: '2026-03-10', episodeRef: 'EP-A', serviceQuarter: '2026Q1' }),
      line({ administrationDate: '2026-03-10', episodeRef: 'EP-B', component: 'GUARANTEED' }),
    ];
    const keys = (ls: StatementLine[]) =>
      statementCsv({ statementNumber: 'N', state: 'NY', labelerCode: '51167', lines: ls })
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((r) => r.split(',').slice(5, 9).join(' '));
    const expected = [
      'EP-A 2026-03-10 GUARANTEED 2026Q1',
      'EP-A 2026-03-10 GUARANTEED 2026Q2',
      'EP-B 2026-03-10 GUARANTEED 2026Q1',
      'EP-B 2026-03-10 VOLUME 2026Q1',
      'EP-B 2026-03-10 OUTCOME:VOE12 2026Q1',
      'EP-A 2026-05-01 GUARANTEED 2026Q1',
    ];
    expect(keys(lines)).toEqual(expected);
    expect(keys([...lines].reverse())).toEqual(expected);
  });
});
