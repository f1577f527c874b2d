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
  /** An uploaded document larger than DISPUTE_DOCUMENT_MAX_BYTES (HTTP 413). */
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  /** An uploaded document that is not a PDF, PNG or JPEG by its bytes (HTTP 415). */
  DOCUMENT_TYPE_REFUSED = 'DOCUMENT_TYPE_REFUSED',
}

/** HTTP statuses more specific than the category's, for the upload routes. */
export const STATEMENT_HTTP_STATUS: Partial<Record<StatementErrorCode, number>> = {
  [StatementErrorCode.DOCUMENT_TOO_LARGE]: 413,
  [StatementErrorCode.DOCUMENT_TYPE_REFUSED]: 415,
};

export class StatementError extends AppError<StatementErrorCode> {}
