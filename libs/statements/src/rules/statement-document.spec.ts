import { dec } from '@lib/common';
import { line } from './spec-builders';
import { escapeHtml, statementDocument, type StatementDocumentInput } from './statement-document';
import { type InterestRatePeriod } from './types';

const FLAT: InterestRatePeriod[] = [{ effectiveFrom: '2020-01-01', effectiveTo: null, annualRate: dec('0.05') }];

const input = (overrides: Partial<StatementDocumentInput> = {}): StatementDocumentInput => ({
  statementNumber: 'CGT-NY-51167-2027Q1',
  key: { state: 'NY', labelerCode: '51167', quarter: '2027Q1' },
  manufacturerLegalName: 'Vertex Pharmaceuticals Incorporated',
  status: 'ISSUED',
  issuedOn: '2027-05-30',
  asOf: '2027-07-16',
  lines: [
    line({ lineId: 'A', component: 'OUTCOME:VOE12', serviceQuarter: '2027Q1', amount: '-1100000.00' }),
    line({ lineId: 'B', component: 'OUTCOME:VOE12', serviceQuarter: '2026Q4', amount: '1100000.00' }),
    line({
      lineId: 'C',
      episodeRef: 'EP-NY-0002',
      administrationDate: '2027-02-01',
      serviceQuarter: '2027Q1',
      amount: '73000.00',
    }),
  ],
  disputes: [],
  payments: [],
  rates: FLAT,
  ...overrides,
});

describe('HTML escaping', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Smith & "Sons" \'Ltd\'', 'Smith &amp; &quot;Sons&quot; &#39;Ltd&#39;'],
    ['&amp;', '&amp;amp;'],
  ])('%j -> %j', (value, expected) => {
    expect(escapeHtml(value)).toBe(expected);
  });
});

describe('statement document (issue 5: a summary a finance team can file, then the lines)', () => {
  const html = statementDocument(input());

  it.each([
    'CGT-NY-51167-2027Q1',
    'Vertex Pharmaceuticals Incorporated',
    '<td>NY</td>',
    '<td>51167</td>',
    '2027Q1 (2027-01-01 to 2027-03-31)',
    '<td>2027-05-30</td>', // issue date
    '<td>2027-07-06</td>', // due date: issue + 37
    '<th scope="row">OUTCOME:VOE12</th><td class="num">0.00</td>',
    '<th scope="row">GUARANTEED</th><td class="num">73000.00</td>',
    '<tr class="total"><th scope="row">Total</th><td class="num">73000.00</td>',
    '<th scope="row">Prior-period adjustments, service 2026Q4</th><td class="num">1100000.00</td>',
    '<th scope="row">Current period</th><td class="num">-1027000.00</td>',
    '<th scope="row">CLAIMS</th><td class="num">73000.00</td>',
    // 10 days (2027-07-07..16) at 73000 x 5% / 365 = 100.00
    '<th scope="row">Interest accrued</th><td class="num">100.00</td>',
    '51167-0290-09',
    '2026Q4 (prior period)',
    '-1100000.00',
    'Lines (3)',
  ])('shows %s', (fragment) => {
    expect(html).toContain(fragment);
  });

  it('is self-contained: no external assets or scripts', () => {
    expect(html).not.toMatch(/<link|<script|src=|href=|@import|url\(/i);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('lists the lines in the CSV order (the prior-period line first for the same episode and component)', () => {
    expect(html.indexOf('2026Q4 (prior period)')).toBeLessThan(html.indexOf('-1100000.00</td>'));
    expect(html.indexOf('EP-NY-0001')).toBeLessThan(html.indexOf('EP-NY-0002'));
  });

  it('escapes every value that comes from input', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const doc = statementDocument(
      input({
        manufacturerLegalName: `A & B ${evil}`,
        lines: [line({ product: evil, episodeRef: evil, serviceQuarter: '2027Q1' })],
        disputes: [
          {
            disputeId: 'D',
            scope: { kind: 'LINE', lineId: evil },
            code: 'M',
            note: evil,
            openedOn: '2027-06-01',
            resolution: null,
          },
        ],
        payments: [{ paymentId: 'P', receivedOn: '2027-06-01', amount: dec('1.00'), reference: evil }],
      }),
    );
    expect(doc).not.toContain('<img');
    expect(doc).toContain('A &amp; B &lt;img src=x onerror=alert(1)&gt;');
  });

  it('a draft shows no due date and no interest', () => {
    const doc = statementDocument(input({ status: 'DRAFT', issuedOn: null }));
    expect(doc).toContain('not issued (draft)');
    expect(doc).toContain('<th scope="row">Interest accrued</th><td class="num">-</td>');
    expect(doc).toContain('Balances (draft: not yet due)');
  });

  it('shows payments, disputes and balances', () => {
    const doc = statementDocument(
      input({
        payments: [{ paymentId: 'P', receivedOn: '2027-07-06', amount: dec('73000.00'), reference: 'ACH 991' }],
        disputes: [
          {
            disputeId: 'D',
            scope: { kind: 'LINE', lineId: 'B' },
            code: 'K',
            note: 'no crosswalk',
            openedOn: '2027-06-01',
            resolution: null,
          },
        ],
      }),
    );
    expect(doc).toContain('<td>ACH 991</td><td class="num">73000.00</td>');
    expect(doc).toContain('<td>K HCPCS without NDC</td><td>OPEN</td><td>no crosswalk</td>');
    expect(doc).toContain('<th scope="row">Paid</th><td class="num">73000.00</td>');
    expect(doc).toContain('<th scope="row">Interest accrued</th><td class="num">0.00</td>');
  });

  it('a zero-line statement still renders', () => {
    const doc = statementDocument(input({ lines: [] }));
    expect(doc).toContain('Lines (0)');
    expect(doc).toContain('<tr class="total"><th scope="row">Total</th><td class="num">0.00</td>');
  });
});
