import { casgevyTerms } from '@lib/agreements';
import {
  ASSUMED_MONTHLY_HAZARD,
  ASSUMED_TREATED_PER_YEAR,
  defaultAssumptions,
  type HistoryEpisode,
} from './simulation-defaults';

const episode = (
  stateCode: string,
  administrationDate: string,
  months: number | null,
  eligible = true,
): HistoryEpisode => ({
  stateCode,
  administrationDate,
  eligible,
  events: { VOE12: months },
});

describe('defaults from the platform data, labelled by source', () => {
  const terms = casgevyTerms();

  it('treated episodes so far give the yearly rate; failures over patient-months the hazard', () => {
    const [ny, tx] = defaultAssumptions({
      terms,
      states: [
        { stateCode: 'NY', participationFrom: '2026-01-01' },
        { stateCode: 'TX', participationFrom: '2026-01-01' },
      ],
      history: [
        episode('NY', '2026-03-10', 7),
        episode('NY', '2026-06-01', null),
        episode('NY', '2026-07-01', null, false),
      ],
      today: '2026-12-31',
    });
    // 3 treated in 12 months since 2026-01-01 -> 3 a year.
    expect(ny.treated).toMatchObject({ distribution: 'POISSON', perYear: 3, source: 'PLATFORM_DATA' });
    // Eligible episodes: one failure at month 7 (8 months at risk) + one without (6 months): 1 / 14.
    expect(ny.failure[0]).toMatchObject({
      source: 'PLATFORM_DATA',
      hazard: [{ fromMonth: 0, monthlyProbability: 0.071429 }],
    });
    expect(tx.treated).toMatchObject({ perYear: ASSUMED_TREATED_PER_YEAR, source: 'ASSUMED' });
    expect(tx.failure[0].source).toBe('PLATFORM_DATA');
  });

  it('without any history everything is a stated assumption', () => {
    const [ny] = defaultAssumptions({
      terms,
      states: [{ stateCode: 'NY', participationFrom: null }],
      history: [],
      today: '2026-12-31',
    });
    expect(ny.treated.source).toBe('ASSUMED');
    expect(ny.failure).toEqual([
      expect.objectContaining({
        benchmarkCode: 'VOE12',
        source: 'ASSUMED',
        hazard: [{ fromMonth: 0, monthlyProbability: ASSUMED_MONTHLY_HAZARD }],
      }),
    ]);
  });
});
