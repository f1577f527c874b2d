import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Dec } from '@lib/common';

/** A stored CGT line (rebate-rules section 3). Money and quantities are exact decimals. */
export interface StoredClaimLine {
  id: string;
  recordNumber: number;
  position: number;
  lineNumber: number;
  revenueCode: string | null;
  procedureCode: string | null;
  ndcRaw: string | null;
  /** NDC normalised to 11 digits, null when blank or not normalisable. */
  ndc11: string | null;
  ndcQuantity: Dec;
  unitOfMeasure: string | null;
  serviceQuantity: Dec;
  beginDate: string | null;
  endDate: string | null;
  paid: Dec;
  cgtByNdc: boolean;
  cgtByHcpcs: boolean;
}

export interface StoredClaimDiagnosis {
  sequence: number;
  code: string;
  flag: string | null;
}

/**
 * A stored claim version. `detailed` versions carry the beneficiary id (PHI: never log it),
 * dates and paid amount; compact ones (received before their family mattered) only the key
 * facts, which is all final action needs of them.
 */
export interface StoredClaimVersion {
  id: string;
  stateFips: string;
  icnOrig: string;
  /** '' when blank; null when unknown (a compact version copied from its digest, migration 1764300000000). */
  icnAdj: string | null;
  adjudicationDate: string;
  adjustmentInd: string;
  typeOfClaim: string;
  claimStatus: string;
  fileType: string;
  submissionId: string;
  receiptSeq: number;
  recordNumber: number;
  position: number;
  detailed: boolean;
  msisId: string | null;
  admissionDate: string | null;
  dischargeDate: string | null;
  beginDate: string | null;
  endDate: string | null;
  totalPaid: Dec | null;
  lines: StoredClaimLine[];
  diagnoses: StoredClaimDiagnosis[];
}

interface VersionRow {
  id: string;
  state_fips: string;
  icn_orig: string;
  icn_adj: string | null;
  adjudication_date: string;
  adjustment_ind: string;
  type_of_claim: string;
  claim_status: string;
  file_type: string;
  submission_id: string;
  receipt_seq: string;
  record_number: string;
  position: string;
  detailed: boolean;
  msis_id: string | null;
  admission_date: string | null;
  discharge_date: string | null;
  begin_date: string | null;
  end_date: string | null;
  total_paid: string | null;
}

interface LineRow {
  id: string;
  claim_version_id: string;
  record_number: string;
  position: string;
  line_number: string;
  revenue_code: string | null;
  procedure_code: string | null;
  ndc_raw: string | null;
  ndc11: string | null;
  ndc_quantity: string;
  unit_of_measure: string | null;
  service_quantity: string;
  begin_date: string | null;
  end_date: string | null;
  paid: string;
  cgt_by_ndc: boolean;
  cgt_by_hcpcs: boolean;
}

interface DiagnosisRow {
  claim_version_id: string;
  sequence: string;
  code: string;
  flag: string | null;
}

/**
 * Families of the state with any detailed version: the ones reconciliation looks at. The family
 * ids are gathered first (partial index on detailed versions) and their versions fetched through
 * the version key index. As a semi-join the planner could walk every version of the state and
 * probe each one, a cost that grows with the state's whole history, not with its CGT families.
 */
const RELEVANT_VERSIONS = `
  SELECT v.* FROM claim_version v
   WHERE v.state_fips = $1
     AND v.icn_orig = ANY (ARRAY(SELECT DISTINCT icn_orig FROM claim_version WHERE state_fips = $1 AND detailed))
   ORDER BY v.icn_orig, v.adjudication_date, v.receipt_seq, v.record_number`;

/** The same, limited to the families named in $2. */
const RELEVANT_VERSIONS_OF_FAMILIES = `
  SELECT v.* FROM claim_version v
   WHERE v.state_fips = $1
     AND v.icn_orig = ANY (ARRAY(SELECT DISTINCT icn_orig FROM claim_version
                                  WHERE state_fips = $1 AND detailed AND icn_orig = ANY ($2::text[])))
   ORDER BY v.icn_orig, v.adjudication_date, v.receipt_seq, v.record_number`;

/**
 * The families a submission's versions belong to (and the families in $3), closed over
 * beneficiaries: every family one of whose versions names a beneficiary (MSIS id) that a version
 * of a family in the set names is in the set. One index probe per family and beneficiary.
 */
const FAMILIES_CLOSED_OVER_BENEFICIARIES = `
  WITH RECURSIVE family(icn_orig) AS (
    SELECT icn_orig FROM (
      SELECT icn_orig FROM claim_version WHERE submission_id = $2 AND state_fips = $1
      UNION
      SELECT unnest($3::text[])
    ) seed
    UNION
    SELECT other.icn_orig FROM family f
      JOIN claim_version v ON v.state_fips = $1 AND v.icn_orig = f.icn_orig AND v.msis_id IS NOT NULL
      JOIN claim_version other ON other.state_fips = $1 AND other.msis_id = v.msis_id
  )
  SELECT f.icn_orig, array_remove(array_agg(DISTINCT v.msis_id), NULL) AS msis_ids
    FROM family f
    LEFT JOIN claim_version v ON v.state_fips = $1 AND v.icn_orig = f.icn_orig
   GROUP BY f.icn_orig`;

/**
 * The claim families whose reconciliation a submission can change (docs/architecture.md
 * "Reconciliation scope"), and the beneficiaries their versions name.
 */
export interface FamilyScope {
  icnOrigs: string[];
  msisIds: string[];
}

/**
 * Reads the stored claims that matter for one state (the input of the reconcile step), inside
 * the caller's transaction: every version of every family that has a CGT line or a relevant
 * diagnosis in any version, with those lines and diagnoses. Three set-based queries.
 */
@Injectable()
export class ClaimVersionsService {
  async relevantVersions(manager: EntityManager, stateFips: string): Promise<StoredClaimVersion[]> {
    return this.withDetails(manager, await manager.query(RELEVANT_VERSIONS, [stateFips]));
  }

  /** relevantVersions limited to some families (a FamilyScope's). */
  async relevantVersionsOfFamilies(
    manager: EntityManager,
    stateFips: string,
    icnOrigs: readonly string[],
  ): Promise<StoredClaimVersion[]> {
    if (icnOrigs.length === 0) return [];
    return this.withDetails(manager, await manager.query(RELEVANT_VERSIONS_OF_FAMILIES, [stateFips, icnOrigs]));
  }

  /**
   * The families of the submission's stored versions and the families `alsoFamilies`, closed over
   * the beneficiaries their versions name, with those beneficiaries.
   */
  async familyScope(
    manager: EntityManager,
    stateFips: string,
    submissionId: string,
    alsoFamilies: readonly string[],
  ): Promise<FamilyScope> {
    const rows = await manager.query<{ icn_orig: string; msis_ids: string[] }[]>(FAMILIES_CLOSED_OVER_BENEFICIARIES, [
      stateFips,
      submissionId,
      alsoFamilies,
    ]);
    const msisIds = new Set<string>();
    for (const row of rows) for (const msisId of row.msis_ids) msisIds.add(msisId);
    return { icnOrigs: rows.map((row) => row.icn_orig), msisIds: [...msisIds] };
  }

  private async withDetails(manager: EntityManager, versions: VersionRow[]): Promise<StoredClaimVersion[]> {
    if (versions.length === 0) return [];
    const ids = versions.map((v) => v.id);
    const lines: LineRow[] = await manager.query(
      `SELECT * FROM claim_line WHERE claim_version_id = ANY($1::bigint[]) ORDER BY claim_version_id, line_number, position`,
      [ids],
    );
    const diagnoses: DiagnosisRow[] = await manager.query(
      `SELECT claim_version_id, sequence, code, flag FROM claim_diagnosis
        WHERE claim_version_id = ANY($1::bigint[]) ORDER BY claim_version_id, sequence, position`,
      [ids],
    );
    const byId = new Map<string, StoredClaimVersion>();
    const result = versions.map((v) => {
      const version = toVersion(v);
      byId.set(version.id, version);
      return version;
    });
    for (const l of lines) byId.get(l.claim_version_id)?.lines.push(toLine(l));
    for (const d of diagnoses) {
      byId.get(d.claim_version_id)?.diagnoses.push({ sequence: Number(d.sequence), code: d.code, flag: d.flag });
    }
    return result;
  }
  /**
   * Whether a file of the state was re-read for a wider relevance and the state not reconciled
   * since (README "Claim files": "When what matters widens"): its new versions are then outside
   * any submission's families, and only a whole-state reconciliation sees them.
   */
  async rereadPending(manager: EntityManager, stateCode: string): Promise<boolean> {
    const rows = await manager.query<{ pending: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM claim_submission WHERE state_code = $1 AND relevance_reread_pending) AS pending`,
      [stateCode],
    );
    return rows[0]?.pending ?? false;
  }

  /** Latest END-OF-TIME-PERIOD among the state's accepted CLAIMIP files (rebate-rules section 5: MET). */
  async latestCipPeriodEnd(
    manager: EntityManager,
    stateCode: string,
    acceptedSubmissionId: string | null,
  ): Promise<string | null> {
    const rows = await manager.query<{ latest: string | null }[]>(
      `SELECT max(period_end) AS latest FROM claim_submission
        WHERE state_code = $1 AND file_type = 'CIP' AND (status = 'COMPLETED' OR id = $2)`,
      [stateCode, acceptedSubmissionId],
    );
    return rows[0]?.latest ?? null;
  }
}

function toVersion(v: VersionRow): StoredClaimVersion {
  return {
    id: v.id,
    stateFips: v.state_fips,
    icnOrig: v.icn_orig,
    icnAdj: v.icn_adj,
    adjudicationDate: v.adjudication_date,
    adjustmentInd: v.adjustment_ind,
    typeOfClaim: v.type_of_claim,
    claimStatus: v.claim_status,
    fileType: v.file_type,
    submissionId: v.submission_id,
    receiptSeq: Number(v.receipt_seq),
    recordNumber: Number(v.record_number),
    position: Number(v.position),
    detailed: v.detailed,
    msisId: v.msis_id,
    admissionDate: v.admission_date,
    dischargeDate: v.discharge_date,
    beginDate: v.begin_date,
    endDate: v.end_date,
    totalPaid: v.total_paid === null ? null : new Dec(v.total_paid),
    lines: [],
    diagnoses: [],
  };
}

function toLine(l: LineRow): StoredClaimLine {
  return {
    id: l.id,
    recordNumber: Number(l.record_number),
    position: Number(l.position),
    lineNumber: Number(l.line_number),
    revenueCode: l.revenue_code,
    procedureCode: l.procedure_code,
    ndcRaw: l.ndc_raw,
    ndc11: l.ndc11,
    ndcQuantity: new Dec(l.ndc_quantity),
    unitOfMeasure: l.unit_of_measure,
    serviceQuantity: new Dec(l.service_quantity),
    beginDate: l.begin_date,
    endDate: l.end_date,
    paid: new Dec(l.paid),
    cgtByNdc: l.cgt_by_ndc,
    cgtByHcpcs: l.cgt_by_hcpcs,
  };
}
