import { Prng, streamSeed, textHash } from './prng';
import { negativeBinomial, poisson } from './sampling';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i += 1) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean };
}

describe('the seeded generator', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const take = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (rng) => () =>
            rng.nextUint32()
        )(new Prng(seed)),
      );
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
  });

  it('draws uniforms in [0, 1) with mean 1/2', () => {
    const rng = new Prng(9);
    const { mean } = moments(() => rng.next(), 100_000);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
  });

  it('derives distinct stream seeds from (seed, trial, state, benchmark)', () => {
    const seeds = new Set<number>();
    for (let t = 0; t < 100; t += 1) for (const s of ['NY', 'TX']) seeds.add(streamSeed(1, t, textHash(s)));
    expect(seeds.size).toBe(200);
  });
});

describe('count distributions', () => {
  it.each([
    ['small mean (inversion)', 3.5],
    ['large mean (PTRS)', 120],
  ])('Poisson, %s: mean and variance equal the rate', (_case, rate) => {
    const rng = new Prng(3);
    const { mean, variance } = moments(() => poisson(rng, rate), 50_000);
    expect(Math.abs(mean - rate) / rate).toBeLessThan(0.02);
    expect(Math.abs(variance - rate) / rate).toBeLessThan(0.06);
  });

  it('negative binomial: variance = mean + mean^2 / r', () => {
    const rng = new Prng(4);
    const { mean, variance } = moments(() => negativeBinomial(rng, 10, 2), 50_000);
    expect(Math.abs(mean - 10) / 10).toBeLessThan(0.03);
    expect(Math.abs(variance - 60) / 60).toBeLessThan(0.1);
  });
});
