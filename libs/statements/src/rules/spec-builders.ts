import { dec } from '@lib/common';
import { type StatementLine } from './types';

let counter = 0;

/** A Casgevy line of the worked example (rebate-rules section 9), overridable per test. */
export function line(overrides: Partial<Omit<StatementLine, 'amount'>> & { amount?: string } = {}): StatementLine {
  counter += 1;
  const { amount, ...rest } = overrides;
  return {
    lineId: `L${String(counter).padStart(4, '0')}`,
    product: 'CASGEVY',
    ndc11: '51167029009',
    episodeRef: 'EP-NY-0001',
    administrationDate: '2026-03-10',
    component: 'GUARANTEED',
    serviceQuarter: '2026Q1',
    cause: 'CLAIMS',
    ...rest,
    amount: dec(amount ?? '220000.00'),
  };
}
