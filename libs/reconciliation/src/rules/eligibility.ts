import { type Dec } from '@lib/common';
import { resolveAgreement, type AgreementMatch } from './agreement-terms';
import { type Candidate } from './candidates';
import { type CgtLine } from './cgt-lines';
import { describeMoney, describeNdc } from './plain-language';
import { type ExecutedAgreement, type IneligibleCode, type WarningCode } from './types';

export interface EligibilityResult {
  /** null when ELIGIBLE. */
  code: IneligibleCode | null;
  reason: string | null;
  /** The agreement in force, whenever one qualifies (also shown on O/K/J episodes). */
  match: AgreementMatch | null;
}

export interface EpisodeWarning {
  code: WarningCode;
  reason: string;
}

/**
 * rebate-rules section 4: checks in the order O, K, U, J; the first failing one decides.
 * The agreement is resolved for every candidate so that an analyst sees which terms would apply.
 */
export function checkEligibility(candidate: Candidate, agreements: readonly ExecutedAgreement[]): EligibilityResult {
  const resolution = resolveAgreement(candidate.product, candidate.version.stateCode, candidate.date, agreements);
  const match = resolution.found ? resolution.match : null;
  const failing = (code: IneligibleCode, reason: string): EligibilityResult => ({ code, reason, match });

  const disagreeing = candidate.lines.find((l) => l.flag === 'O');
  if (disagreeing) return failing('O', ndcHcpcsDisagreement(disagreeing));
  if (!candidate.lines.some((l) => l.catalogNdc !== null)) return failing('K', hcpcsOnly(candidate));
  if (!resolution.found) return failing('U', resolution.reason);
  if (candidate.paid.lessThanOrEqualTo(0)) {
    return failing(
      'J',
      `Medicaid paid ${describeMoney(candidate.paid)} for this ${candidate.product.code} administration; ` +
        `a rebate is owed only on a positive paid amount.`,
    );
  }
  return { code: null, reason: null, match };
}

function ndcHcpcsDisagreement(cgt: CgtLine): string {
  const { line, product, hcpcsProduct } = cgt;
  const ndc = describeNdc(line.ndcRaw, cgt.catalogNdc);
  if (cgt.catalogNdc !== null && hcpcsProduct) {
    return (
      `Line ${line.lineNumOrig} bills ${ndc} (${product.code}) with HCPCS ${line.procedureCode}, ` +
      `which is the code of ${hcpcsProduct.code}: the NDC and the HCPCS code disagree.`
    );
  }
  return (
    `Line ${line.lineNumOrig} bills HCPCS ${line.procedureCode} (${product.code}) with ${ndc}, ` +
    `which is not a ${product.code} NDC: the NDC and the HCPCS code disagree.`
  );
}

function hcpcsOnly(candidate: Candidate): string {
  const codes = [...new Set(candidate.lines.map((l) => l.line.procedureCode))].join(', ');
  return (
    `The ${candidate.product.code} administration is billed by HCPCS ${codes} only, with no NDC: ` +
    `an NDC is required for a rebate.`
  );
}

/** Codes are compared trimmed and upper-cased (`un` is the unit UN). */
function normalizeUnit(uom: string): string {
  return uom.trim().toUpperCase();
}

/**
 * Section 4 warnings on an ELIGIBLE episode: `D` a line's NDC-UNIT-OF-MEASURE differs from the
 * product's billing unit; `P` paid above the WAC effective on the date.
 * A blank unit is not a `D` (the documents are silent): it states no unit that could contradict
 * the billing unit, and the rebate is per treatment, not per unit, so nothing is at stake.
 */
export function episodeWarnings(candidate: Candidate, wac: Dec): EpisodeWarning[] {
  const warnings: EpisodeWarning[] = [];
  const unit = normalizeUnit(candidate.product.billingUnit);
  const mismatched = candidate.lines.filter((l) => l.line.uom.trim() !== '' && normalizeUnit(l.line.uom) !== unit);
  if (mismatched.length > 0) {
    const detail = mismatched.map((l) => `line ${l.line.lineNumOrig} reports ${l.line.uom.trim()}`).join(', ');
    warnings.push({
      code: 'D',
      reason: `NDC unit of measure differs from ${candidate.product.code}'s billing unit ${unit}: ${detail}.`,
    });
  }
  if (candidate.paid.greaterThan(wac)) {
    warnings.push({
      code: 'P',
      reason:
        `Medicaid paid ${describeMoney(candidate.paid)} for the ${candidate.product.code} administration on ` +
        `${candidate.date}, above the WAC of ${describeMoney(wac)} in effect on that date.`,
    });
  }
  return warnings;
}
