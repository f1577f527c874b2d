/**
 * Generated claims as plain data, and their serialisation as records of the T-MSIS CGT profile
 * (P00002 header, P00003 lines, P00004 diagnoses; fields in profile order).
 */

export interface GenLine {
  readonly revenueCode: string;
  readonly procedureCode: string;
  readonly ndc: string;
  readonly ndcQuantity: string;
  readonly unit: string;
  readonly serviceQuantity: string;
  readonly begin: string;
  readonly end: string;
  readonly paidCents: number;
  /** A CGT line (catalog NDC or CGT HCPCS), for the counts. */
  readonly cgt: boolean;
}

export type ClaimTag =
  'filler' | 'cgt-administration' | 'cgt-mco-duplicate' | 'cgt-denied' | 'crisis-admission' | 'adjustment';

export interface GenClaim {
  readonly tag: ClaimTag;
  readonly icnOrig: string;
  readonly icnAdj: string;
  readonly adjudicationDate: string;
  readonly adjustmentInd: '0' | '1' | '4';
  readonly msisId: string;
  readonly typeOfClaim: string;
  readonly status: string;
  readonly crossover: string;
  readonly npi: string;
  readonly admissionDate: string;
  readonly dischargeDate: string;
  readonly begin: string;
  readonly end: string;
  readonly planId: string;
  readonly lines: readonly GenLine[];
  readonly diagnoses: readonly string[];
}

/** Cents -> `1234.56` (amounts carry 2 decimals, profile "Encoding"). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${sign}${Math.floor(abs / 100)}.${rest < 10 ? '0' : ''}${rest}`;
}

export function totalPaidCents(claim: GenClaim): number {
  let total = 0;
  for (const line of claim.lines) total += line.paidCents;
  return total;
}

/** Serialises claims record by record, numbering them and stopping at the record budget. */
export class RecordSerializer {
  private recordNumber = 0;

  constructor(
    private readonly prefix: string,
    private readonly fips: string,
    private readonly newline: string,
    private readonly budget: number,
  ) {}

  get written(): number {
    return this.recordNumber;
  }

  get remaining(): number {
    return this.budget - this.recordNumber;
  }

  /** Text of the claim's records that fit in the budget; `fitted` tells how many lines/diagnoses. */
  claim(claim: GenClaim, fitted: { lines: number; diagnoses: number }): string {
    fitted.lines = 0;
    fitted.diagnoses = 0;
    if (this.remaining <= 0) return '';
    const key = `${claim.icnOrig}|${claim.icnAdj}|${claim.adjudicationDate}|${claim.adjustmentInd}`;
    const p = this.prefix;
    const s = this.fips;
    const nl = this.newline;
    let text =
      `${p}00002|${s}|${++this.recordNumber}|${key}|${claim.msisId}|${claim.typeOfClaim}|${claim.status}|` +
      `${claim.crossover}|${claim.npi}|${claim.admissionDate}|${claim.dischargeDate}|${claim.begin}|${claim.end}|` +
      `${claim.planId}|${formatCents(totalPaidCents(claim))}${nl}`;
    for (let i = 0; i < claim.lines.length && this.remaining > 0; i++) {
      const l = claim.lines[i];
      text +=
        `${p}00003|${s}|${++this.recordNumber}|${key}|${i + 1}|${l.revenueCode}|${l.procedureCode}|${l.ndc}|` +
        `${l.ndcQuantity}|${l.unit}|${l.serviceQuantity}|${l.begin}|${l.end}|${formatCents(l.paidCents)}${nl}`;
      fitted.lines++;
    }
    for (let i = 0; i < claim.diagnoses.length && this.remaining > 0; i++) {
      text += `${p}00004|${s}|${++this.recordNumber}|${key}|${i + 1}|${claim.diagnoses[i]}|02${nl}`;
      fitted.diagnoses++;
    }
    return text;
  }
}
