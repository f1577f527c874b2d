import type { StoredClaimVersion } from '@lib/claims';
import type { AdjustmentInd, ClaimFileType, ClaimVersion } from './rules';

/** A stored claim version as the rules read it (tmsis-cgt-profile.md "Keys and coded values"). */
export function toRuleVersion(stored: StoredClaimVersion, stateCode: string): ClaimVersion {
  return {
    id: stored.id,
    stateCode,
    icnOrig: stored.icnOrig,
    icnAdj: stored.icnAdj === '' ? null : stored.icnAdj,
    adjudicationDate: stored.adjudicationDate,
    adjustmentInd: stored.adjustmentInd as AdjustmentInd,
    receiptSeq: stored.receiptSeq,
    submissionId: stored.submissionId,
    recordNumber: stored.recordNumber,
    fileType: stored.fileType as ClaimFileType,
    typeOfClaim: stored.typeOfClaim,
    claimStatus: stored.claimStatus,
    msisId: stored.msisId,
    admissionDate: stored.admissionDate,
    beginDate: stored.beginDate,
    lines: stored.lines.map((line) => ({
      lineNumOrig: line.lineNumber,
      recordNumber: line.recordNumber,
      ndcRaw: line.ndcRaw ?? '',
      procedureCode: line.procedureCode ?? '',
      uom: line.unitOfMeasure ?? '',
      beginDate: line.beginDate,
      paid: line.paid,
    })),
    diagnoses: stored.diagnoses.map((d) => ({ seq: d.sequence, code: d.code })),
  };
}
