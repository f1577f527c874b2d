import { AppError } from '@lib/common';

/** Why closing or reopening a contract year was refused (style.md habit 6). */
export enum YearCloseErrorCode {
  AGREEMENT_NOT_EXECUTED = 'YEAR_CLOSE_AGREEMENT_NOT_EXECUTED',
  YEAR_NOT_ENDED = 'YEAR_CLOSE_YEAR_NOT_ENDED',
  YEAR_ALREADY_CLOSED = 'YEAR_CLOSE_YEAR_ALREADY_CLOSED',
  YEAR_NOT_CLOSED = 'YEAR_CLOSE_YEAR_NOT_CLOSED',
}

export class YearCloseError extends AppError<YearCloseErrorCode> {}
