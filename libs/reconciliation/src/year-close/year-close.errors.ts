import { ErrorCategory, errorWithCategories } from '@lib/common';

/** Why closing or reopening a contract year was refused (style.md habit 6). */
export enum YearCloseErrorCode {
  AGREEMENT_NOT_EXECUTED = 'YEAR_CLOSE_AGREEMENT_NOT_EXECUTED',
  YEAR_NOT_ENDED = 'YEAR_CLOSE_YEAR_NOT_ENDED',
  YEAR_ALREADY_CLOSED = 'YEAR_CLOSE_YEAR_ALREADY_CLOSED',
  YEAR_NOT_CLOSED = 'YEAR_CLOSE_YEAR_NOT_CLOSED',
}

export const YEAR_CLOSE_ERROR_CATEGORY: Record<YearCloseErrorCode, ErrorCategory> = {
  [YearCloseErrorCode.AGREEMENT_NOT_EXECUTED]: ErrorCategory.PRECONDITION_FAILED,
  [YearCloseErrorCode.YEAR_NOT_ENDED]: ErrorCategory.PRECONDITION_FAILED,
  [YearCloseErrorCode.YEAR_ALREADY_CLOSED]: ErrorCategory.CONFLICT,
  [YearCloseErrorCode.YEAR_NOT_CLOSED]: ErrorCategory.PRECONDITION_FAILED,
};

export class YearCloseError extends errorWithCategories(YEAR_CLOSE_ERROR_CATEGORY) {}
