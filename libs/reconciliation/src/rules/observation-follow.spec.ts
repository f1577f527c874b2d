import { beneficiaryOfEpisodeKey, followBeneficiaries } from './observation-follow';
import { type OutcomeObservation } from './types';

const observation = (id: string, episodeKey: string): OutcomeObservation => ({
  id,
  episodeKey,
  eventDate: '2026-06-10',
  eventCode: 'CRISIS',
  evidenceRef: `REG-${id}`,
});

describe('observations follow their beneficiary', () => {
  it.each([
    ['NY|p1|MSIS1|ICN1', 'NY|p1|MSIS1'],
    ['NY|p1||ICN1', null],
    ['NY|matrix|EP-1', null],
    ['NY|p1|MSIS1|ICN|X', null],
  ])('the beneficiary of episode %p is %p', (key, expected) => {
    expect(beneficiaryOfEpisodeKey(key)).toBe(expected);
  });

  it('moves an observation of a re-keyed episode to the episode of the same state, product and beneficiary', () => {
    const result = followBeneficiaries(
      [
        observation('o1', 'NY|p1|MSIS1|ICN-LATER'),
        observation('o2', 'NY|p1|MSIS2|ICN-2'),
        observation('o3', 'NY|p2|MSIS1|ICN-OTHER-PRODUCT'),
        observation('o4', 'NY|p1||ICN-NO-MSIS'),
      ],
      ['NY|p1|MSIS1|ICN-EARLIER', 'NY|p1|MSIS2|ICN-2', 'NY|p1||ICN-NO-MSIS-NEW'],
    );
    expect(result.moves).toEqual([
      { observationId: 'o1', fromEpisodeKey: 'NY|p1|MSIS1|ICN-LATER', toEpisodeKey: 'NY|p1|MSIS1|ICN-EARLIER' },
    ]);
    expect(result.observations.map((o) => [o.id, o.episodeKey])).toEqual([
      ['o1', 'NY|p1|MSIS1|ICN-EARLIER'],
      ['o2', 'NY|p1|MSIS2|ICN-2'],
      // No episode of that product for the beneficiary now, and no beneficiary id: they stay.
      ['o3', 'NY|p2|MSIS1|ICN-OTHER-PRODUCT'],
      ['o4', 'NY|p1||ICN-NO-MSIS'],
    ]);
  });

  it('moves nothing when every observation is on an episode the rules still produce', () => {
    const observations = [observation('o1', 'NY|p1|MSIS1|ICN1')];
    expect(followBeneficiaries(observations, ['NY|p1|MSIS1|ICN1'])).toEqual({ observations, moves: [] });
  });
});
