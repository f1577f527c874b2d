/**
 * Display helpers. Amounts arrive as exact decimal strings ("1540000.00", "-220000.00") and are
 * only re-grouped here, never turned into binary floats.
 */
export function money(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign, whole, fraction = ''] = match;
  const cents = (fraction + '00').slice(0, 2);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign ? '-' : ''}$${grouped}.${cents}`;
}

/** True when a decimal string is exactly zero. */
export function isZero(amount: string | null | undefined): boolean {
  return !amount || /^-?0*(\.0*)?$/.test(amount.trim());
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-05-07" -> "May 7, 2026" (business dates have no time zone). */
export function date(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  return `${MONTHS[Number(match[2]) - 1]} ${Number(match[3])}, ${match[1]}`;
}

/** A timestamp in the user's local time, e.g. "May 7, 2026, 14:05". */
export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** An enum value in words: "PARTIALLY_PAID" -> "Partially paid" (statuses and roles only; codes get server labels). */
export function words(value: string | null | undefined): string {
  if (!value) return '—';
  const lower = value.replace(/_/g, ' ').toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** 1234567 -> "1,234,567". */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/** "1 record", "3 records". */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${value === 1 ? one : many}`;
}

export function bytes(value: number): string {
  if (value < 1024) return `${value} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = value / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A fraction as a percentage, exactly: "0.05" -> "5%", "0.125" -> "12.5%" (no binary floats). */
export function percent(fraction: string | null | undefined): string {
  if (fraction === null || fraction === undefined || fraction === '') return '—';
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(fraction.trim());
  if (!match) return fraction;
  const [, sign, whole, decimals = ''] = match;
  const digits = `${whole}${decimals.padEnd(2, '0')}`;
  const point = whole.length + 2;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${sign ? '-' : ''}${integer}${rest ? `.${rest}` : ''}%`;
}
