import { isQuarter } from '@lib/common';
import { type StatementKey } from './types';

/**
 * `CGT-NY-51167-2026Q1`: program, USPS state, labeler code, quarter. (labeler, state, quarter)
 * identifies a statement (rebate-rules section 8), so the number is unique and deterministic. An
 * issued statement never changes, so revisions are not expected; should one ever be re-issued
 * (a corrected replacement), `sequence` > 1 is appended as `-2`, `-3`, ... and sorts after it.
 */
const NUMBER = /^CGT-([A-Z]{2})-(\d{5})-(\d{4}Q[1-4])(?:-([2-9]|[1-9]\d+))?$/;

export interface StatementNumberParts extends StatementKey {
  sequence: number;
}

export function statementNumber(key: StatementKey, sequence = 1): string {
  if (!/^[A-Z]{2}$/.test(key.state)) throw new Error(`Not a USPS state code: ${key.state}`);
  if (!/^\d{5}$/.test(key.labelerCode)) throw new Error(`Not a 5-digit labeler code: ${key.labelerCode}`);
  if (!isQuarter(key.quarter)) throw new Error(`Not a quarter: ${key.quarter}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`Not a sequence number: ${sequence}`);
  const base = `CGT-${key.state}-${key.labelerCode}-${key.quarter}`;
  return sequence === 1 ? base : `${base}-${sequence}`;
}

/** The inverse of `statementNumber`; null for anything it could not have produced. */
export function parseStatementNumber(text: string): StatementNumberParts | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  return { state: m[1], labelerCode: m[2], quarter: m[3], sequence: m[4] === undefined ? 1 : Number(m[4]) };
}
