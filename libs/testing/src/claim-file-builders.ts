/**
 * Small T-MSIS CGT profile files (tmsis-cgt-profile.md) for tests that need administrations in
 * several states: one Casgevy administration per claim, or one inpatient stay with a sickle-cell
 * crisis diagnosis. Dates are ISO (YYYY-MM-DD); the period is the file's START/END-OF-TIME-PERIOD.
 */
export interface CasgevyAdministration {
  icn: string;
  msisId: string;
  date: string;
  paid?: string;
}

export interface InpatientStay {
  icn: string;
  msisId: string;
  admission: string;
  diagnosis: string;
}

export interface ClaimFilePeriod {
  /** Two-digit FIPS code of the submitting state. */
  fips: string;
  start: string;
  end: string;
  /** FILE-CREATION-DATE; the day after the period by default. */
  created?: string;
  sequence?: number;
}

const compact = (iso: string): string => iso.replaceAll('-', '');

function fileOf(kind: 'OT' | 'IP', period: ClaimFilePeriod, records: string[]): Buffer {
  const prefix = `C${kind}`;
  const created = compact(period.created ?? period.end);
  const header = `${prefix}00001|4.0.0|O|CLAIM${kind}|${period.fips}|${created}|${compact(period.start)}|${compact(period.end)}|${period.sequence ?? 1}|${records.length}`;
  return Buffer.from([header, ...records].join('\n') + '\n');
}

/** A CLAIMOT file: each administration is a paid claim with one Casgevy line (NDC and J3392). */
export function casgevyClaimFile(period: ClaimFilePeriod, administrations: readonly CasgevyAdministration[]): Buffer {
  const adjudicated = compact(period.created ?? period.end);
  let record = 0;
  const records = administrations.flatMap((a) => {
    const paid = a.paid ?? '2200000.00';
    const day = compact(a.date);
    return [
      `COT00002|${period.fips}|${(record += 1)}|${a.icn}||${adjudicated}|0|${a.msisId}|1|F1|0|1234567893|||${day}|${day}||${paid}`,
      `COT00003|${period.fips}|${(record += 1)}|${a.icn}||${adjudicated}|0|1|0892|J3392|51167-0290-09|1|UN|1|${day}|${day}|${paid}`,
    ];
  });
  return fileOf('OT', period, records);
}

/** A CLAIMIP file: each stay is a paid inpatient claim carrying the given diagnosis. */
export function inpatientClaimFile(period: ClaimFilePeriod, stays: readonly InpatientStay[]): Buffer {
  const adjudicated = compact(period.created ?? period.end);
  let record = 0;
  const records = stays.flatMap((s) => {
    const day = compact(s.admission);
    return [
      `CIP00002|${period.fips}|${(record += 1)}|${s.icn}||${adjudicated}|0|${s.msisId}|1|F1|0|1234567893|${day}|${day}|${day}|||18000.00`,
      `CIP00003|${period.fips}|${(record += 1)}|${s.icn}||${adjudicated}|0|1|0120|||1|UN|1|${day}|${day}|18000.00`,
      `CIP00004|${period.fips}|${(record += 1)}|${s.icn}||${adjudicated}|0|1|${s.diagnosis}|02`,
    ];
  });
  return fileOf('IP', period, records);
}
