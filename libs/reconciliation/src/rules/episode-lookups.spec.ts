import { dec } from '@lib/common';
import { episodeLookups } from './episode-lookups';
import { firstClaimEvent } from './outcomes';
import { claim, inpatient, VOE12 } from './spec-builders';
import { type DisputeOverride, type OutcomeObservation } from './types';

function observation(id: string, episodeKey: string): OutcomeObservation {
  return { id, episodeKey, eventDate: '2026-06-01', eventCode: 'CRISIS', evidenceRef: `EV-${id}` };
}

function override(episodeKey: string, amount: string): DisputeOverride {
  return { episodeKey, component: 'GUARANTEED', amount: dec(amount) };
}

describe('what one episode reads of its state, found by key (rebate-rules sections 5 and 8)', () => {
  const a1 = inpatient('IP-1', '2026-06-01', ['D5700'], { msisId: 'A' });
  const b1 = inpatient('IP-2', '2026-06-02', ['D5700'], { msisId: 'B' });
  const a2 = inpatient('IP-3', '2026-05-01', ['D5701'], { msisId: 'A' });
  const other = inpatient('IP-4', '2026-06-01', ['D5700'], { msisId: 'A', stateCode: 'CA' });
  const unknown = inpatient('IP-5', '2026-06-01', ['D5700'], { msisId: null });
  const outpatient = claim({ icnOrig: 'OT-1', msisId: 'A' });
  const counting = [a1, b1, outpatient, a2, other, unknown];

  it("gives a beneficiary's CLAIMIP versions of its state, in the state's order", () => {
    const lookups = episodeLookups(counting, { observations: [], overrides: [] });
    expect(lookups.cipVersionsOf('NY', 'A')).toEqual([a1, a2]);
    expect(lookups.cipVersionsOf('NY', 'B')).toEqual([b1]);
    expect(lookups.cipVersionsOf('CA', 'A')).toEqual([other]);
    expect(lookups.cipVersionsOf('NY', 'C')).toEqual([]);
    expect(lookups.cipVersionsOf('NY', null)).toEqual([]);
  });

  it('decides the same first event as the whole state list does', () => {
    const lookups = episodeLookups(counting, { observations: [], overrides: [] });
    for (const msisId of ['A', 'B', 'C', null]) {
      const episode = { stateCode: 'NY', msisId, administrationDate: '2026-03-10' };
      expect(firstClaimEvent(VOE12, episode, lookups.cipVersionsOf('NY', msisId))).toEqual(
        firstClaimEvent(VOE12, episode, counting),
      );
    }
  });

  it("gives an episode's observations and overrides in the order they were listed", () => {
    const observations = [observation('1', 'E1'), observation('2', 'E2'), observation('3', 'E1')];
    const overrides = [override('E1', '1.00'), override('E2', '2.00'), override('E1', '3.00')];
    const lookups = episodeLookups([], { observations, overrides });
    expect(lookups.observationsOf('E1').map((o) => o.id)).toEqual(['1', '3']);
    expect(lookups.overridesOf('E1').map((o) => o.amount.toFixed(2))).toEqual(['1.00', '3.00']);
    expect(lookups.observationsOf('E3')).toEqual([]);
    expect(lookups.overridesOf('E3')).toEqual([]);
  });
});
