import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Dec, type IsoDate } from '@lib/common';

/** A stored claim version with what reconciliation needs (rebate-rules sections 2-5). */
export interface StoredClaimVersion {
  id: string;
  stateCode: string;
  icnOrig: string;
  icnAdj: string | null;
  adjudicationDate: IsoDate;
  adjustmentInd: '0' | '1' | '4' | '5' | '6';
  receiptSeq: number;
  submissionId: string;
  recordNumber: number;
  fileType: 'CIP' | 'COT' | 'CRX';
  typeOfClaim: string;
  claimStatus: string;
  msisId: string | null;
  admissionDate: IsoDate | null;
  beginDate: IsoDate | null;
  lines: {
    lineNumOrig: number;
    recordNumber: number;
    ndcRaw: string;
    procedureCode: string;
    uom: string;
    beginDate: IsoDate | null;
    paid: Dec;
  }[];
  diagnoses: { seq: number; code: string }[];
}

interface VersionRow {
  id: string;
  icn_orig: string;
  icn_adj: string;
  adjudication_date: string;
  adjustment_ind: StoredClaimVersion['adjustmentInd'];
  receipt_seq: string;
  submission_id: string;
  record_number: string;
  file_type: StoredClaimVersion['fileType'];
  type_of_claim: string;
  claim_status: string;
  msis_id: string | null;
  admission_date: string | null;
  begin_date: string | null;
}

/**
 * Every version of every claim family of a state that has a relevant version (a CGT line or a
 * sickle-cell diagnosis), with their relevant lines and diagnoses: the inputs of one state's
 * reconciliation, read with three set-based queries.
 */
@Injectable()
export class ClaimInputsReader {
  async versionsOfState(manager: EntityManager, stateCode: string, stateFips: string): Promise<StoredClaimVersion[]> {
    const versions = await manager.query<VersionRow[]>(
      `SELECT v.id::text, v.icn_orig, v.icn_adj, v.adjudication_date, v.adjustment_ind, v.receipt_seq::text,
              v.submission_id, v.record_number::text, v.file_type, v.type_of_claim, v.claim_status, v.msis_id,
              v.admission_date, v.begin_date
         FROM claim_version v
        WHERE v.state_fips = $1
          AND v.icn_orig IN (SELECT icn_orig FROM claim_version WHERE state_fips = $1 AND detailed)
        ORDER BY v.id`,
      [stateFips],
    );
    const lines = await manager.query<
      {
        claim_version_id: string;
        line_number: string;
        record_number: string;
        ndc_raw: string | null;
        procedure_code: string | null;
        unit_of_measure: string | null;
        begin_date: string | null;
        paid: string;
      }[]
    >(
      `SELECT l.claim_version_id::text, l.line_number::text, l.record_number::text, l.ndc_raw, l.procedure_code,
              l.unit_of_measure, l.begin_date, l.paid::text
         FROM claim_line l JOIN claim_version v ON v.id = l.claim_version_id
        WHERE v.state_fips = $1
        ORDER BY l.id`,
      [stateFips],
    );
    const diagnoses = await manager.query<{ claim_version_id: string; sequence: string; code: string }[]>(
      `SELECT d.claim_version_id::text, d.sequence::text, d.code
         FROM claim_diagnosis d JOIN claim_version v ON v.id = d.claim_version_id
        WHERE v.state_fips = $1
        ORDER BY d.id`,
      [stateFips],
    );
    const byVersion = new Map<string, StoredClaimVersion>();
    for (const v of versions) {
      byVersion.set(v.id, {
        id: v.id,
        stateCode,
        icnOrig: v.icn_orig,
        icnAdj: v.icn_adj === '' ? null : v.icn_adj,
        adjudicationDate: v.adjudication_date,
        adjustmentInd: v.adjustment_ind,
        receiptSeq: Number(v.receipt_seq),
        submissionId: v.submission_id,
        recordNumber: Number(v.record_number),
        fileType: v.file_type,
        typeOfClaim: v.type_of_claim,
        claimStatus: v.claim_status,
        msisId: v.msis_id,
        admissionDate: v.admission_date,
        beginDate: v.begin_date,
        lines: [],
        diagnoses: [],
      });
    }
    for (const l of lines) {
      byVersion.get(l.claim_version_id)?.lines.push({
        lineNumOrig: Number(l.line_number),
        recordNumber: Number(l.record_number),
        ndcRaw: l.ndc_raw ?? '',
        procedureCode: l.procedure_code ?? '',
        uom: l.unit_of_measure ?? '',
        beginDate: l.begin_date,
        paid: new Dec(l.paid),
      });
    }
    for (const d of diagnoses) {
      byVersion.get(d.claim_version_id)?.diagnoses.push({ seq: Number(d.sequence), code: d.code });
    }
    return [...byVersion.values()];
  }

  /** Latest END-OF-TIME-PERIOD among the state's accepted CLAIMIP files (rebate-rules section 5: MET). */
  async latestCipPeriodEnd(
    manager: EntityManager,
    stateCode: string,
    acceptedSubmissionId: string | null,
  ): Promise<IsoDate | null> {
    const rows = await manager.query<{ latest: string | null }[]>(
      `SELECT max(period_end) AS latest FROM claim_submission
        WHERE state_code = $1 AND file_type = 'CIP' AND (status = 'COMPLETED' OR id = $2)`,
      [stateCode, acceptedSubmissionId],
    );
    return rows[0]?.latest ?? null;
  }
}
