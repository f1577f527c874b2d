import { LineSplitter } from './line-splitter';

function lines(chunks: readonly string[], maxLength = 100): [string, boolean][] {
  const splitter = new LineSplitter(maxLength);
  const out: [string, boolean][] = [];
  for (const chunk of chunks) {
    splitter.push(chunk);
    while (splitter.next()) out.push([splitter.text.slice(splitter.start, splitter.end), splitter.tooLong]);
  }
  if (splitter.finish()) out.push([splitter.text.slice(splitter.start, splitter.end), splitter.tooLong]);
  return out;
}

describe('LineSplitter', () => {
  const text = 'ab\r\ncd\n\nef\r\n\r\ngh';
  const expected: [string, boolean][] = [
    ['ab', false],
    ['cd', false],
    ['', false],
    ['ef', false],
    ['', false],
    ['gh', false],
  ];

  it('splits LF and CRLF lines, with or without a final newline, however the text is cut', () => {
    expect(lines([text])).toEqual(expected);
    expect(lines([...text])).toEqual(expected);
    for (let cut = 0; cut <= text.length; cut++) expect(lines([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    expect(lines([`${text}\n`])).toEqual(expected);
    expect(lines([`${text}\r\n`])).toEqual(expected);
  });

  it('keeps only the start of an overlong line and goes on after it', () => {
    const long = 'x'.repeat(50);
    for (const chunks of [
      [`a\n${long}\nb`],
      [...`a\n${long}\nb`],
      [`a\n${long.slice(0, 20)}`, `${long.slice(20)}\nb`],
    ]) {
      expect(lines(chunks, 10)).toEqual([
        ['a', false],
        ['x'.repeat(10), true],
        ['b', false],
      ]);
    }
    expect(lines([`a\n${long}`], 10)).toEqual([
      ['a', false],
      ['x'.repeat(10), true],
    ]);
  });

  it('counts physical lines', () => {
    const splitter = new LineSplitter(100);
    splitter.push('a\n\nb\n');
    while (splitter.next());
    expect(splitter.lineNumber).toBe(3);
  });
});
