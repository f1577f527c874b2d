import { ErrorCategory, errorWithCategories } from '@lib/common';

/** Why an outcome observation was refused (style.md habit 6). */
export enum OutcomeErrorCode {
  OBSERVATION_NOT_FOUND = 'OBSERVATION_NOT_FOUND',
  EPISODE_VOIDED = 'OBSERVATION_EPISODE_VOIDED',
  ALREADY_WITHDRAWN = 'OBSERVATION_ALREADY_WITHDRAWN',
}

export const OUTCOME_ERROR_CATEGORY: Record<OutcomeErrorCode, ErrorCategory> = {
  [OutcomeErrorCode.OBSERVATION_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [OutcomeErrorCode.EPISODE_VOIDED]: ErrorCategory.PRECONDITION_FAILED,
  [OutcomeErrorCode.ALREADY_WITHDRAWN]: ErrorCategory.CONFLICT,
};

export class OutcomeError extends errorWithCategories(OUTCOME_ERROR_CATEGORY) {}
