/**
 * One error model for the whole platform (style.md habit 6).
 *
 * Every library declares a string enum of its own codes and one error class that extends
 * AppError with those codes. The category decides what a client sees as `extensions.code`
 * (GraphQL) or the HTTP status (REST); the code is the specific reason.
 */
export enum ErrorCategory {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  PRECONDITION_FAILED = 'PRECONDITION_FAILED',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
}

/** One offending field: `path` names it the way the client sent it (`input.schedule[1].wac`). */
export interface FieldViolation {
  path: string;
  message: string;
}

export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly category: ErrorCategory,
    readonly code: Code,
    message: string,
    readonly violations: FieldViolation[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The error class of a library whose codes each have one category, decided in one table: a
 * `Record` over the library's code enum, so a code without a category does not compile and no
 * throw site chooses a category of its own.
 *
 *   export class StatementError extends errorWithCategories(STATEMENT_ERROR_CATEGORY) {}
 *   throw new StatementError(StatementErrorCode.PAYMENT_REFUSED, 'receivedOn: in the future');
 */
export function errorWithCategories<Code extends string>(categories: Readonly<Record<Code, ErrorCategory>>) {
  return class extends AppError<Code> {
    static readonly categories = categories;
    constructor(code: Code, message: string, violations: FieldViolation[] = []) {
      super(categories[code], code, message, violations);
    }
  };
}

/** Narrows to AppError without leaking an `any` code type. */
export function isAppError(error: unknown): error is AppError<string> {
  return error instanceof AppError;
}

export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_CURSOR = 'INVALID_CURSOR',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
}

export const COMMON_ERROR_CATEGORY: Record<CommonErrorCode, ErrorCategory> = {
  [CommonErrorCode.VALIDATION_FAILED]: ErrorCategory.BAD_USER_INPUT,
  [CommonErrorCode.INVALID_CURSOR]: ErrorCategory.BAD_USER_INPUT,
  [CommonErrorCode.NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [CommonErrorCode.FORBIDDEN]: ErrorCategory.FORBIDDEN,
};

export class CommonError extends errorWithCategories(COMMON_ERROR_CATEGORY) {}

/** A BAD_USER_INPUT error that lists every violation at once. */
export function validationFailed(violations: FieldViolation[], message?: string): CommonError {
  const summary = message ?? `Input is invalid: ${violations.map((v) => `${v.path}: ${v.message}`).join('; ')}`;
  return new CommonError(CommonErrorCode.VALIDATION_FAILED, summary, violations);
}

/**
 * Deny-by-default reads answer NOT_FOUND rather than FORBIDDEN for things outside the actor's
 * scope, so that a manufacturer cannot even learn that another's agreement exists.
 */
export function notFound(what: string, id: string | number): CommonError {
  return new CommonError(CommonErrorCode.NOT_FOUND, `${what} ${id} was not found`);
}

export function forbidden(message: string): CommonError {
  return new CommonError(CommonErrorCode.FORBIDDEN, message);
}

export const HTTP_STATUS_BY_CATEGORY: Record<ErrorCategory, number> = {
  [ErrorCategory.BAD_USER_INPUT]: 400,
  [ErrorCategory.UNAUTHENTICATED]: 401,
  [ErrorCategory.FORBIDDEN]: 403,
  [ErrorCategory.NOT_FOUND]: 404,
  [ErrorCategory.CONFLICT]: 409,
  [ErrorCategory.PRECONDITION_FAILED]: 412,
  [ErrorCategory.TOO_MANY_REQUESTS]: 429,
};
