import { isQuarter, nextQuarter, type Quarter } from '@lib/common';

/**
 * rebate-rules section 8: an entry's statement quarter is its service quarter, or the first later
 * quarter whose statement for that labeler and state has not been issued yet. `issuedQuarters`
 * are the issued statements of that same (labeler, state).
 */
export function statementQuarterOf(serviceQuarter: Quarter, issuedQuarters: Iterable<Quarter>): Quarter {
  if (!isQuarter(serviceQuarter)) throw new Error(`Not a quarter: ${serviceQuarter}`);
  const issued = new Set(issuedQuarters);
  let quarter = serviceQuarter;
  while (issued.has(quarter)) quarter = nextQuarter(quarter);
  return quarter;
}

/** A line whose service quarter is earlier than its statement's quarter is a prior-period adjustment. */
export function isPriorPeriodAdjustment(serviceQuarter: Quarter, statementQuarter: Quarter): boolean {
  return serviceQuarter < statementQuarter;
}
