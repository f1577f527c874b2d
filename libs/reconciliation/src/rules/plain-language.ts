import { formatMoney, type Dec } from '@lib/common';
import { formatNdc11 } from '@lib/reference';

/** `$2,200,000.00`, `-$1,100,000.00`: money the way an analyst reads it in an exception. */
export function describeMoney(amount: Dec): string {
  const text = formatMoney(amount.abs());
  const [whole, cents] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.isNegative() && !amount.isZero() ? '-' : ''}$${grouped}.${cents}`;
}

/** An NDC as sent, with its 5-4-2 form when it is a valid NDC-11. */
export function describeNdc(raw: string, ndc11: string | null): string {
  if (raw.trim() === '') return 'a blank NDC';
  return ndc11 === null ? `NDC ${raw.trim()} (not a valid 11-digit NDC)` : `NDC ${formatNdc11(ndc11)}`;
}

/** `from 2026-01-01 to 2026-12-31`, `from 2026-01-01 onwards`. */
export function describePeriod(from: string, to: string | null): string {
  return to === null ? `from ${from} onwards` : `from ${from} to ${to}`;
}
