import { Buffer } from 'node:buffer';
import { validateSync } from 'class-validator';
import { IsBase64Text, isBase64Text } from './base64-text';

describe('isBase64Text', () => {
  it.each([
    ['', true],
    ['QQ==', true],
    ['QUI=', true],
    ['QUJD', true],
    ['ab+/09AZ', true],
    ['QQ=', false], // length not a multiple of 4
    ['Q===', false], // three padding characters
    ['====', false],
    ['Q=Q=', false], // padding inside
    ['QUJD\n', false],
    ['QU JD', false],
    ['QUJ-', false], // URL-safe alphabet is not standard base64
    ['QUJ_', false],
    ['QUJDé===', false],
  ])('%j -> %s', (text, expected) => {
    expect(isBase64Text(text)).toBe(expected);
  });

  it('agrees with Node on what Node writes, for every length up to 64 bytes', () => {
    for (let n = 0; n <= 64; n += 1) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) % 256));
      expect(isBase64Text(bytes.toString('base64'))).toBe(true);
    }
  });

  it('takes a 5 MB document in one pass and refuses one bad character at its end', () => {
    const text = Buffer.alloc(5 * 1024 * 1024 + 1, 7).toString('base64');
    expect(isBase64Text(text)).toBe(true);
    expect(isBase64Text(`${text.slice(0, -4)}AA*A`)).toBe(false);
  });
});

describe('@IsBase64Text()', () => {
  class Upload {
    @IsBase64Text()
    contentBase64!: unknown;
  }
  const errorsOf = (value: unknown) =>
    validateSync(Object.assign(new Upload(), { contentBase64: value })).map((e) => e.constraints);

  it('passes base64 and refuses the rest, with class-validator’s message', () => {
    expect(errorsOf('QUJD')).toEqual([]);
    expect(errorsOf('QUJ')).toEqual([{ isBase64Text: 'contentBase64 must be base64 encoded' }]);
    expect(errorsOf(42)).toEqual([{ isBase64Text: 'contentBase64 must be base64 encoded' }]);
  });
});
