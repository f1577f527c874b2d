import { lazily } from './lazily';

describe('lazily', () => {
  it('loads once, on the first call, and gives every caller the same value', async () => {
    let loads = 0;
    const value = lazily(() => Promise.resolve({ n: (loads += 1) }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([value(), value()]);
    expect(await value()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it('forgets a failed load, so the next call loads again', async () => {
    let loads = 0;
    const value = lazily(() => ((loads += 1) === 1 ? Promise.reject(new Error('not yet')) : Promise.resolve(loads)));
    await expect(value()).rejects.toThrow('not yet');
    expect(await value()).toBe(2);
    expect(await value()).toBe(2);
  });
});
