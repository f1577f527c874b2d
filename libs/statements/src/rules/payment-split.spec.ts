import { dec } from '@lib/common';
import { MAX_PAYMENT_AMOUNT, paymentAmountViolation, splitPayment } from './payment-split';

describe('splitPayment (outstanding never below zero)', () => {
  it.each([
    ['less than outstanding: all applied', '100.00', '250.00', false, '100.00', '0.00'],
    ['exactly the outstanding: all applied', '250.00', '250.00', false, '250.00', '0.00'],
    ['above outstanding, flagged: the excess is a credit', '300.00', '250.00', true, '250.00', '50.00'],
    ['nothing outstanding, flagged: all of it is a credit', '10.00', '0.00', true, '0.00', '10.00'],
    [
      'a credit statement (negative outstanding), flagged: all of it is a credit',
      '10.00',
      '-5.00',
      true,
      '0.00',
      '10.00',
    ],
    ['the maximum on a large statement', '10000000000.00', '10000000000.00', false, '10000000000.00', '0.00'],
  ])('%s', (_name, amount, outstanding, overpayment, applied, credit) => {
    const result = splitPayment(dec(amount), dec(outstanding), overpayment);
    expect(result.ok && { applied: result.value.applied.toFixed(2), credit: result.value.credit.toFixed(2) }).toEqual({
      applied,
      credit,
    });
  });

  it.each([
    ['above outstanding without the flag', '3720000.01', '3720000.00', 'more than the outstanding 3720000.00'],
    ['the largest numeric(16,2): 99,999,999,999,999.99', '99999999999999.99', '3720000.00', 'above the maximum'],
    ['far beyond numeric(16,2)', '1' + '0'.repeat(40), '3720000.00', 'above the maximum'],
    ['one cent above the maximum, even flagged', '10000000000.01', '0.00', 'above the maximum of 10000000000.00'],
    ['zero', '0.00', '10.00', 'greater than 0'],
    ['negative', '-1.00', '10.00', 'greater than 0'],
    ['fractions of a cent', '1.001', '10.00', 'in cents'],
  ])('refuses %s', (_name, amount, outstanding, reason) => {
    for (const overpayment of [false, true]) {
      const result = splitPayment(dec(amount), dec(outstanding), overpayment);
      if (_name.startsWith('above outstanding') && overpayment) {
        expect(result.ok).toBe(true);
        continue;
      }
      expect(result).toEqual({ ok: false, reason: expect.stringContaining(reason) });
    }
  });

  it('names the maximum', () => {
    expect(paymentAmountViolation(MAX_PAYMENT_AMOUNT)).toBeNull();
    expect(paymentAmountViolation(MAX_PAYMENT_AMOUNT.plus('0.01'))).toContain('10000000000.00');
  });
});
