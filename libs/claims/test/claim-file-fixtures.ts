import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WORKED_EXAMPLE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');

export function workedExampleFile(name: string): Buffer {
  return readFileSync(join(WORKED_EXAMPLE, name));
}

/** A CLAIMOT claim header (18 fields) for New York unless told otherwise. */
export function otHeader(recordNumber: number, icn: string, state = '36'): string {
  return `COT00002|${state}|${recordNumber}|${icn}||20260312|0|MSIS${recordNumber}|1|F1|0|1234567893|||20260310|20260310||100.00`;
}

/** A CLAIMOT Casgevy line (17 fields). */
export function otLine(recordNumber: number, icn: string, state = '36'): string {
  return `COT00003|${state}|${recordNumber}|${icn}||20260312|0|1|0892|J3392|51167-0290-09|1|UN|1|20260310|20260310|100.00`;
}

/** A CLAIMOT file for March 2026: header record plus the given records, TOT-REC-CNT as given or counted. */
export function otFile(records: string[], options: { state?: string; totRecCnt?: number } = {}): Buffer {
  const header = `COT00001|4.0.0|O|CLAIMOT|${options.state ?? '36'}|20260405|20260301|20260331|1|${options.totRecCnt ?? records.length}`;
  return Buffer.from([header, ...records].join('\n') + '\n');
}
