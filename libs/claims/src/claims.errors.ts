import { ErrorCategory, errorWithCategories } from '@lib/common';

export enum ClaimsErrorCode {
  SUBMISSION_NOT_FOUND = 'SUBMISSION_NOT_FOUND',
  UNKNOWN_STATE = 'UNKNOWN_STATE',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  UNSUPPORTED_CONTENT_TYPE = 'UNSUPPORTED_CONTENT_TYPE',
  MULTIPART_WITHOUT_FILE = 'MULTIPART_WITHOUT_FILE',
}

export const CLAIMS_ERROR_CATEGORY: Record<ClaimsErrorCode, ErrorCategory> = {
  [ClaimsErrorCode.SUBMISSION_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [ClaimsErrorCode.UNKNOWN_STATE]: ErrorCategory.NOT_FOUND,
  [ClaimsErrorCode.FILE_TOO_LARGE]: ErrorCategory.BAD_USER_INPUT,
  [ClaimsErrorCode.UNSUPPORTED_CONTENT_TYPE]: ErrorCategory.BAD_USER_INPUT,
  [ClaimsErrorCode.MULTIPART_WITHOUT_FILE]: ErrorCategory.BAD_USER_INPUT,
};

export class ClaimsError extends errorWithCategories(CLAIMS_ERROR_CATEGORY) {}
