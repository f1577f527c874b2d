import { governedWindow, governingOverlap, governingOverlapMessage } from './governing-agreement';

const A = { agreementId: 'a', start: '2025-01-01', end: '2030-12-31' };
const B = { agreementId: 'b', start: '2031-01-01', end: '2033-12-31' };

describe('one governing agreement per product and date', () => {
  it('spans the executed versions: an amendment may extend the window', () => {
    expect(governedWindow([])).toBeNull();
    expect(
      governedWindow([
        { enrollmentStart: '2025-01-01', enrollmentEnd: '2030-12-31' },
        { enrollmentStart: '2025-01-01', enrollmentEnd: '2032-06-30' },
      ]),
    ).toEqual({ start: '2025-01-01', end: '2032-06-30' });
  });

  it.each([
    ['inside an executed window', { start: '2026-01-01', end: '2027-12-31' }, 'a', '2026-01-01', '2027-12-31'],
    ['straddling the start of one', { start: '2024-01-01', end: '2025-01-01' }, 'a', '2025-01-01', '2025-01-01'],
    [
      'straddling the end of one and the start of the next',
      { start: '2030-12-31', end: '2031-01-01' },
      'a',
      '2030-12-31',
      '2030-12-31',
    ],
    ['covering one whole', { start: '2020-01-01', end: '2040-12-31' }, 'a', '2025-01-01', '2030-12-31'],
    ['overlapping only the later one', { start: '2032-01-01', end: '2034-12-31' }, 'b', '2032-01-01', '2033-12-31'],
  ])('refuses a window %s', (_case, window, other, from, to) => {
    expect(governingOverlap('new', window, [B, A])).toEqual({
      other: other === 'a' ? A : B,
      from,
      to,
    });
  });

  it('allows adjacent windows, the agreement itself, and no other agreement', () => {
    expect(governingOverlap('new', { start: '2024-01-01', end: '2024-12-31' }, [A, B])).toBeNull();
    expect(governingOverlap('new', { start: '2034-01-01', end: '2034-12-31' }, [A, B])).toBeNull();
    // An amendment re-checks its own agreement's (wider) window: itself never counts.
    expect(governingOverlap('a', { start: '2025-01-01', end: '2030-12-31' }, [A])).toBeNull();
    expect(governingOverlap('a', { start: '2025-01-01', end: '2031-06-30' }, [A, B])).toEqual({
      other: B,
      from: '2031-01-01',
      to: '2031-06-30',
    });
    expect(governingOverlap('new', A, [])).toBeNull();
  });

  it('names the governing agreement, both windows and the overlapping dates', () => {
    const window = { start: '2026-01-01', end: '2031-12-31' };
    const overlap = governingOverlap('new', window, [A])!;
    expect(governingOverlapMessage('CASGEVY', 'new', window, overlap)).toBe(
      'Agreement a already governs CASGEVY from 2025-01-01 to 2030-12-31; agreement new (enrollment 2026-01-01 to ' +
        '2031-12-31) would also govern it from 2026-01-01 to 2030-12-31. At most one executed agreement governs a ' +
        'product on any date: change the terms in force through an amendment of a, or expire it first.',
    );
  });
});
