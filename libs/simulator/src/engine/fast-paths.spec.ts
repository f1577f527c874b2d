import { SimulationCalendar } from './calendar';
import { drawEventIndex, eventCdf, EventSampler, monthEvents } from './event-tables';
import { Prng } from './prng';
import { poisson, PoissonTable } from './sampling';
import { bandsOf, percentileOfSorted } from './statistics';
import { termsOf } from './spec-builders';

/** The precomputed draws and the selection give exactly what the plain functions give. */
describe('fast paths equal the plain functions', () => {
  it('EventSampler.draw equals drawEventIndex for every uniform tried', () => {
    const terms = termsOf();
    const calendar = new SimulationCalendar(2026, 5, 36);
    const hazards = [
      [{ fromMonth: 0, monthlyProbability: 0.02 }],
      [
        { fromMonth: 0, monthlyProbability: 0 },
        { fromMonth: 1, monthlyProbability: 1 },
      ],
      [
        { fromMonth: 0, monthlyProbability: 0.3 },
        { fromMonth: 6, monthlyProbability: 0 },
        { fromMonth: 20, monthlyProbability: 0.05 },
      ],
      [{ fromMonth: 0, monthlyProbability: 0 }],
    ];
    const rng = new Prng(5);
    for (const a of [0, 1, 13, 59]) {
      const events = monthEvents(calendar, calendar.administrationDate(a), terms.benchmarks[0]);
      for (const hazard of hazards) {
        const cdf = eventCdf(events, hazard);
        const sampler = new EventSampler(events, cdf);
        const uniforms = [
          0,
          4294967295 / 4294967296,
          ...Array.from(cdf),
          ...Array.from({ length: 5000 }, () => rng.next()),
        ];
        expect(uniforms.map((u) => sampler.draw(u))).toEqual(uniforms.map((u) => drawEventIndex(events, cdf, u)));
      }
    }
  });

  it.each([0, 0.4, 3.5, 10, 29.9, 45])('PoissonTable(%p) draws what poisson draws from the same stream', (mean) => {
    const table = new PoissonTable(mean);
    const a = new Prng(11);
    const b = new Prng(11);
    const fast = Array.from({ length: 20_000 }, () => table.draw(a));
    const plain = Array.from({ length: 20_000 }, () => poisson(b, mean));
    expect(fast).toEqual(plain);
  });

  it('bandsOf equals the nearest-rank percentiles of the sorted values', () => {
    const rng = new Prng(3);
    for (const n of [1, 2, 3, 19, 20, 21, 100, 1001, 10_000]) {
      for (const spread of [1, 7, 1e9]) {
        const values = Float64Array.from({ length: n }, () => Math.floor(rng.next() * spread) * 100 - spread * 20);
        const before = values.slice();
        const sorted = values.slice().sort();
        expect(bandsOf(values)).toEqual([0.05, 0.5, 0.95].map((p) => percentileOfSorted(sorted, p)));
        expect(values).toEqual(before);
      }
    }
  });
});
