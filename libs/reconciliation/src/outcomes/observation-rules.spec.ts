import {
  eventMonthOf,
  evidenceCategory,
  isValidEventCode,
  normalizeEventCode,
  observationViolations,
} from './observation-rules';

describe('outcome observation rules', () => {
  it.each([
    ['CRISIS', true, 'CRISIS'],
    ['death', true, 'DEATH'],
    ['REGISTRY_CONFIRMED_EVENT', true, 'REGISTRY_CONFIRMED_EVENT'],
    ['D57.00', true, 'D5700'],
    ['d5721', true, 'D5721'],
    ['FLU', false, 'FLU'],
    ['', false, ''],
    ['D5', false, 'D5'],
    ['1234', false, '1234'],
  ])('event code %p valid=%p normalised %p', (code, valid, normalized) => {
    expect(isValidEventCode(code)).toBe(valid);
    expect(normalizeEventCode(code)).toBe(normalized);
  });

  const ok = { eventDate: '2026-05-01', eventCode: 'CRISIS', evidenceRef: 'REG-1' };
  it.each([
    ['a valid observation', ok, []],
    ['on the administration date', { ...ok, eventDate: '2026-02-15' }, []],
    ['today', { ...ok, eventDate: '2026-11-30' }, []],
    ['before administration', { ...ok, eventDate: '2026-02-14' }, ['input.eventDate']],
    ['in the future', { ...ok, eventDate: '2026-12-01' }, ['input.eventDate']],
    ['unknown code', { ...ok, eventCode: 'MAYBE' }, ['input.eventCode']],
    ['blank evidence', { ...ok, evidenceRef: '   ' }, ['input.evidenceRef']],
    ['evidence too long', { ...ok, evidenceRef: 'x'.repeat(501) }, ['input.evidenceRef']],
    [
      'several problems',
      { eventDate: '2027-01-01', eventCode: '?', evidenceRef: '' },
      ['input.eventDate', 'input.eventCode', 'input.evidenceRef'],
    ],
  ])('%s', (_label, draft, paths) => {
    expect(observationViolations(draft, '2026-02-15', '2026-11-30').map((v) => v.path)).toEqual(paths);
  });
});

describe('what a manufacturer sees of the evidence (README "Security")', () => {
  it.each<['CLAIM' | 'OBSERVATION', string | null, string]>([
    ['CLAIM', 'D5700', 'INPATIENT_ADMISSION'],
    ['CLAIM', null, 'INPATIENT_ADMISSION'],
    ['OBSERVATION', 'CRISIS', 'CRISIS'],
    ['OBSERVATION', 'death', 'DEATH'],
    ['OBSERVATION', 'GRAFT_FAILURE', 'GRAFT_FAILURE'],
    ['OBSERVATION', 'D57.00', 'REPORTED_DIAGNOSIS'],
    ['OBSERVATION', null, 'REPORTED_DIAGNOSIS'],
  ])('a %s event with code %p is shown as %p', (source, code, category) => {
    expect(evidenceCategory(source, code)).toBe(category);
  });

  it('shows the month of an event, not its day', () => {
    expect(eventMonthOf('2026-05-20')).toBe('2026-05');
  });
});
