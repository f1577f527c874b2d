import { StagedKeySet } from './staged-key-set';

describe('StagedKeySet', () => {
  const key = (i: number) => `36|NY2026${String(i).padStart(9, '0')}||20260320|0`;

  it('stays certain while every key is new, across many growths', () => {
    const keys = new StagedKeySet(1_000_000, 16);
    for (let i = 0; i < 100_000; i++) keys.add(key(i));
    expect(keys.count).toBe(100_000);
    expect(keys.mayRepeat).toBe(false);
  });

  it('reports a repeated key, however far back the first one was', () => {
    const keys = new StagedKeySet(1_000_000, 16);
    for (let i = 0; i < 50_000; i++) keys.add(key(i));
    keys.add(key(0));
    expect(keys.mayRepeat).toBe(true);
  });

  it('tells keys apart that differ in one character or only in length', () => {
    const keys = new StagedKeySet();
    for (const k of [
      '36|A||20260320|0',
      '36|A||20260320|1',
      '36|A||20260321|0',
      '36|A|B|20260320|0',
      '36|A||20260320|',
      '',
    ]) {
      keys.add(k);
    }
    expect(keys.mayRepeat).toBe(false);
    keys.add('36|A||20260320|1');
    expect(keys.mayRepeat).toBe(true);
  });

  it('becomes uncertain (SQL decides) beyond its key budget instead of growing further', () => {
    const keys = new StagedKeySet(10);
    for (let i = 0; i < 10; i++) keys.add(key(i));
    expect(keys.mayRepeat).toBe(false);
    keys.add(key(10));
    expect(keys.mayRepeat).toBe(true);
  });

  it('rejects a budget below one and an initial size that is not a power of two', () => {
    expect(() => new StagedKeySet(0)).toThrow(RangeError);
    expect(() => new StagedKeySet(10, 1000)).toThrow(RangeError);
  });
});
