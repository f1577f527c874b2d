import { dec } from '@lib/common';
import type { DisputeEntity } from './entities/dispute.entity';
import { toDispute } from './statement-reader';

const row = (overrides: Partial<DisputeEntity>): DisputeEntity => ({
  id: 'd1',
  statementId: 's1',
  scope: 'LINE',
  ledgerEntryId: '42',
  code: 'M',
  note: 'billed twice',
  disputedAmount: dec('220000.00'),
  openedOn: '2026-05-01',
  openedBy: 'u1',
  dueOn: '2026-06-30',
  status: 'OPEN',
  resolvedOn: null,
  resolvedBy: null,
  resolutionNote: null,
  agreedAmount: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...overrides,
});

describe('dispute rows as the balance and interest rules read them', () => {
  it.each([
    ['an open line dispute', row({}), { scope: { kind: 'LINE', lineId: '42' }, resolution: null }],
    [
      'a whole-statement dispute upheld at 0',
      row({
        scope: 'STATEMENT',
        ledgerEntryId: null,
        status: 'UPHELD',
        resolvedOn: '2026-05-20',
        agreedAmount: dec('0'),
        resolutionNote: 'agreed',
      }),
      {
        scope: { kind: 'STATEMENT' },
        resolution: { outcome: 'UPHELD', resolvedOn: '2026-05-20', agreedAmount: dec('0'), note: 'agreed' },
      },
    ],
    [
      'a denied line dispute without a note',
      row({ status: 'DENIED', resolvedOn: '2026-05-21' }),
      {
        scope: { kind: 'LINE', lineId: '42' },
        resolution: { outcome: 'DENIED', resolvedOn: '2026-05-21', note: '' },
      },
    ],
  ])('maps %s', (_name, input, expected) => {
    expect(toDispute(input)).toEqual({
      disputeId: 'd1',
      code: 'M',
      note: 'billed twice',
      openedOn: '2026-05-01',
      ...expected,
    });
  });
});
