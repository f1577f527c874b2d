import { AppError } from '@lib/common';

/** Why a statement, dispute or payment request was refused (style.md habit 6). */
export enum StatementErrorCode {
  INVALID_TRANSITION = 'STATEMENT_INVALID_TRANSITION',
  NOT_ISSUED = 'STATEMENT_NOT_ISSUED',
  DISPUTE_REFUSED = 'DISPUTE_REFUSED',
  PAYMENT_REFUSED = 'PAYMENT_REFUSED',
  INTEREST_RATE_REFUSED = 'INTEREST_RATE_REFUSED',
  /** Issuing a statement whose quarter has not ended yet. */
  QUARTER_OPEN = 'STATEMENT_QUARTER_OPEN',
}

export class StatementError extends AppError<StatementErrorCode> {}
