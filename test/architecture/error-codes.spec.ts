import { AgreementError, AGREEMENT_ERROR_CATEGORY, AgreementErrorCode } from '@lib/agreements';
import { AUTH_ERROR_CATEGORY } from '@lib/auth';
import { CLAIMS_ERROR_CATEGORY } from '@lib/claims';
import { AppError, COMMON_ERROR_CATEGORY, ErrorCategory, HTTP_STATUS_BY_CATEGORY } from '@lib/common';
import { OUTCOME_ERROR_CATEGORY, YEAR_CLOSE_ERROR_CATEGORY } from '@lib/reconciliation';
import { REFERENCE_DATA_ERROR_CATEGORY } from '@lib/reference';
import { SIMULATOR_ERROR_CATEGORY } from '@lib/simulator';
import { STATEMENT_ERROR_CATEGORY, StatementError, StatementErrorCode } from '@lib/statements';

/**
 * One category per code (docs/architecture.md "Conventions"): each library's codes and their
 * categories are one table, and the error class takes the code alone. Clients read the category
 * as `extensions.code` (GraphQL) or the HTTP status, and the code as `extensions.reason`.
 */
const TABLES: Record<string, Readonly<Record<string, ErrorCategory>>> = {
  common: COMMON_ERROR_CATEGORY,
  auth: AUTH_ERROR_CATEGORY,
  reference: REFERENCE_DATA_ERROR_CATEGORY,
  agreements: AGREEMENT_ERROR_CATEGORY,
  claims: CLAIMS_ERROR_CATEGORY,
  outcomes: OUTCOME_ERROR_CATEGORY,
  yearClose: YEAR_CLOSE_ERROR_CATEGORY,
  statements: STATEMENT_ERROR_CATEGORY,
  simulator: SIMULATOR_ERROR_CATEGORY,
};

describe('error codes: one table per library', () => {
  it('gives every code a category that has an HTTP status', () => {
    for (const table of Object.values(TABLES)) {
      for (const category of Object.values(table)) {
        expect(Object.values(ErrorCategory)).toContain(category);
        expect(HTTP_STATUS_BY_CATEGORY[category]).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('never uses one reason code in two libraries', () => {
    const owners = new Map<string, string[]>();
    for (const [library, table] of Object.entries(TABLES)) {
      for (const code of Object.keys(table)) owners.set(code, [...(owners.get(code) ?? []), library]);
    }
    expect([...owners].filter(([, libraries]) => libraries.length > 1)).toEqual([]);
  });

  it('takes the category from the table, not from the throw site', () => {
    const overlap = new AgreementError(AgreementErrorCode.AGREEMENT_OVERLAP, 'overlap');
    expect(overlap).toBeInstanceOf(AppError);
    expect(overlap).toMatchObject({
      category: ErrorCategory.CONFLICT,
      code: 'AGREEMENT_OVERLAP',
      name: 'AgreementError',
    });
    expect(new StatementError(StatementErrorCode.UNKNOWN_FORMAT, 'Unknown format .doc').category).toBe(
      ErrorCategory.NOT_FOUND,
    );
    expect(new StatementError(StatementErrorCode.PAYMENT_AMOUNT_INVALID, 'amount: zero').category).toBe(
      ErrorCategory.BAD_USER_INPUT,
    );
  });
});
