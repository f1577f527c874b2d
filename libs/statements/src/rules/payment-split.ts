import { dec, formatMoney, maxDec, minDec, ZERO, type Dec } from '@lib/common';
import { type RuleResult } from './types';

/**
 * The largest single remittance the platform records (README "Statements and payments"): ten billion dollars,
 * far above any CGT statement, far below what numeric(16, 2) holds, so an absurd amount is a clear
 * refusal instead of a database overflow.
 */
export const MAX_PAYMENT_AMOUNT: Dec = dec('10000000000.00');

export interface PaymentSplit {
  /** What reduces the statement's outstanding amount (never more than it). */
  applied: Dec;
  /** The excess, kept as a statement credit for the next statement (zero unless overpayment). */
  credit: Dec;
}

/** Why an amount can never be a payment, whatever the statement: null when it may be. */
export function paymentAmountViolation(amount: Dec): string | null {
  if (!amount.isFinite() || !amount.greaterThan(0)) return 'amount: must be greater than 0';
  if (amount.decimalPlaces() > 2) return 'amount: must be in cents (at most 2 decimal places)';
  if (amount.greaterThan(MAX_PAYMENT_AMOUNT))
    return `amount: ${formatMoney(amount)} is above the maximum of ${formatMoney(MAX_PAYMENT_AMOUNT)} for one payment`;
  return null;
}

/**
 * Splits a remittance against what the statement still owes (README "Statements and payments"): outstanding
 * never goes below zero. An amount above the outstanding is refused unless the caller says it is
 * an overpayment; then the part up to the outstanding is the payment and the rest a credit.
 */
export function splitPayment(amount: Dec, outstanding: Dec, overpayment: boolean): RuleResult<PaymentSplit> {
  const violation = paymentAmountViolation(amount);
  if (violation !== null) return { ok: false, reason: violation };
  const owed = maxDec(outstanding, ZERO);
  if (amount.lessThanOrEqualTo(owed)) return { ok: true, value: { applied: amount, credit: ZERO } };
  if (!overpayment) {
    return {
      ok: false,
      reason:
        `amount: ${formatMoney(amount)} is more than the outstanding ${formatMoney(owed)}; ` +
        'record it with overpayment: true to keep the excess as a credit for the next statement',
    };
  }
  const applied = minDec(amount, owed);
  return { ok: true, value: { applied, credit: amount.minus(applied) } };
}
