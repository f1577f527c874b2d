import { ErrorCategory, errorWithCategories } from '@lib/common';

/** Why a statement, dispute or payment request was refused (style.md habit 6). */
export enum StatementErrorCode {
  INVALID_TRANSITION = 'STATEMENT_INVALID_TRANSITION',
  /** Disputing a statement that has not been issued. */
  NOT_ISSUED = 'STATEMENT_NOT_ISSUED',
  /** A download format the platform does not write. */
  UNKNOWN_FORMAT = 'STATEMENT_UNKNOWN_FORMAT',
  /** A dispute's input breaks a rule (code, line, documents, amounts). */
  DISPUTE_REFUSED = 'DISPUTE_REFUSED',
  /** What the statement or dispute is now forbids it (already disputed, no longer open). */
  DISPUTE_CONFLICT = 'DISPUTE_CONFLICT',
  /** What the statement is now forbids the payment (a draft, a duplicate, more than is owed). */
  PAYMENT_REFUSED = 'PAYMENT_REFUSED',
  /** An amount that is not a payment (zero, negative, more than the largest remittance). */
  PAYMENT_AMOUNT_INVALID = 'PAYMENT_AMOUNT_INVALID',
  /** The rate table forbids it (a rate already in force from that day). */
  INTEREST_RATE_REFUSED = 'INTEREST_RATE_REFUSED',
  /** A rate that is not a fraction from 0 up to 1. */
  INTEREST_RATE_INVALID = 'INTEREST_RATE_INVALID',
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

export const STATEMENT_ERROR_CATEGORY: Record<StatementErrorCode, ErrorCategory> = {
  [StatementErrorCode.INVALID_TRANSITION]: ErrorCategory.CONFLICT,
  [StatementErrorCode.NOT_ISSUED]: ErrorCategory.CONFLICT,
  [StatementErrorCode.UNKNOWN_FORMAT]: ErrorCategory.NOT_FOUND,
  [StatementErrorCode.DISPUTE_REFUSED]: ErrorCategory.BAD_USER_INPUT,
  [StatementErrorCode.DISPUTE_CONFLICT]: ErrorCategory.CONFLICT,
  [StatementErrorCode.PAYMENT_REFUSED]: ErrorCategory.CONFLICT,
  [StatementErrorCode.PAYMENT_AMOUNT_INVALID]: ErrorCategory.BAD_USER_INPUT,
  [StatementErrorCode.INTEREST_RATE_REFUSED]: ErrorCategory.CONFLICT,
  [StatementErrorCode.INTEREST_RATE_INVALID]: ErrorCategory.BAD_USER_INPUT,
  [StatementErrorCode.QUARTER_OPEN]: ErrorCategory.CONFLICT,
  [StatementErrorCode.DOCUMENT_TOO_LARGE]: ErrorCategory.BAD_USER_INPUT,
  [StatementErrorCode.DOCUMENT_TYPE_REFUSED]: ErrorCategory.BAD_USER_INPUT,
};

export class StatementError extends errorWithCategories(STATEMENT_ERROR_CATEGORY) {}
