import { addDays, type IsoDate } from '@lib/common';

const compact = (date: IsoDate) => date.replaceAll('-', '');

/**
 * A one-claim CLAIMOT file (tmsis-cgt-profile.md) for the last ended month: one Casgevy
 * administration with a sickle-cell diagnosis. The same bytes sent again return the earlier
 * submission, so the example can run any number of times.
 */
export function consoleClaimFile(
  stateCode: string,
  fips: string,
  month: { start: IsoDate; end: IsoDate },
  today: IsoDate,
): string {
  const icn = `${stateCode}${compact(month.start)}CONSOLE1`;
  const service = compact(addDays(month.start, 9));
  const adjudicated = compact(addDays(month.start, 11));
  const key = `${icn}||${adjudicated}|0`;
  return [
    `COT00001|4.0.0|O|CLAIMOT|${fips}|${compact(today)}|${compact(month.start)}|${compact(month.end)}|1|3`,
    `COT00002|${fips}|1|${key}|MSIS-CONSOLE-1|1|F1|0|1234567893|||${service}|${service}||2200000.00`,
    `COT00003|${fips}|2|${key}|1|0892|J3392|51167-0290-09|1|UN|1|${service}|${service}|2200000.00`,
    `COT00004|${fips}|3|${key}|1|D5701|02`,
    '',
  ].join('\n');
}
