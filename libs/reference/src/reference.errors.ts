import { ErrorCategory, errorWithCategories } from '@lib/common';

export enum ReferenceDataErrorCode {
  JURISDICTION_NOT_FOUND = 'JURISDICTION_NOT_FOUND',
  MANUFACTURER_NOT_FOUND = 'MANUFACTURER_NOT_FOUND',
  PRODUCT_NOT_FOUND = 'PRODUCT_NOT_FOUND',
  NDC_NOT_FOUND = 'NDC_NOT_FOUND',
  HCPCS_NOT_FOUND = 'HCPCS_NOT_FOUND',
  CODE_TAKEN = 'CODE_TAKEN',
  RANGE_OVERLAP = 'RANGE_OVERLAP',
  NAME_NOT_AFTER_CURRENT = 'NAME_NOT_AFTER_CURRENT',
}

export const REFERENCE_DATA_ERROR_CATEGORY: Record<ReferenceDataErrorCode, ErrorCategory> = {
  [ReferenceDataErrorCode.JURISDICTION_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [ReferenceDataErrorCode.MANUFACTURER_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [ReferenceDataErrorCode.PRODUCT_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [ReferenceDataErrorCode.NDC_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [ReferenceDataErrorCode.HCPCS_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [ReferenceDataErrorCode.CODE_TAKEN]: ErrorCategory.CONFLICT,
  [ReferenceDataErrorCode.RANGE_OVERLAP]: ErrorCategory.CONFLICT,
  [ReferenceDataErrorCode.NAME_NOT_AFTER_CURRENT]: ErrorCategory.BAD_USER_INPUT,
};

export class ReferenceDataError extends errorWithCategories(REFERENCE_DATA_ERROR_CATEGORY) {}
