import { AppError } from '@lib/common';

/** Why an outcome observation was refused (style.md habit 6). */
export enum OutcomeErrorCode {
  OBSERVATION_NOT_FOUND = 'OBSERVATION_NOT_FOUND',
  EPISODE_VOIDED = 'OBSERVATION_EPISODE_VOIDED',
  ALREADY_WITHDRAWN = 'OBSERVATION_ALREADY_WITHDRAWN',
}

export class OutcomeError extends AppError<OutcomeErrorCode> {}
