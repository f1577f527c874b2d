import { type IsoDate } from '@lib/common';
import { normalizeNdc } from '@lib/reference';
import { isEffectiveOn } from './effective-dates';
import { type CatalogProduct, type ClaimLine, type ClaimVersion } from './types';

/** rebate-rules section 3: `O` = NDC and HCPCS disagree, `K` = HCPCS only (blank NDC). */
export type LineFlag = 'O' | 'K';

export interface CgtLine {
  line: ClaimLine;
  product: CatalogProduct;
  /** The line's NDC-11 when it is one of the product's catalog NDCs. */
  catalogNdc: string | null;
  /** The product whose HCPCS code the line's PROCEDURE-CODE is on the line's date, if any. */
  hcpcsProduct: CatalogProduct | null;
  flag: LineFlag | null;
}

/**
 * The date a line's HCPCS code is judged on: the line's BEGINNING-DATE-OF-SERVICE, else the
 * header's, else ADMISSION-DATE (the same fallback as the candidate date, section 3). The profile
 * requires none of them on a COT or CRX claim, so the last resort is the ADJUDICATION-DATE, the
 * only date every version has: a CGT administration must never vanish for want of a date.
 */
export function lineServiceDate(line: Pick<ClaimLine, 'beginDate'>, version: ClaimVersion): IsoDate {
  return line.beginDate ?? headerServiceDate(version);
}

/** Header date fallback for a candidate without any line date (section 3), see lineServiceDate. */
export function headerServiceDate(version: ClaimVersion): IsoDate {
  return version.beginDate ?? version.admissionDate ?? version.adjudicationDate;
}

/** Codes are compared trimmed and upper-cased: `j3392` is the HCPCS code J3392. */
function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export function productByNdc(ndc11: string | null, catalog: readonly CatalogProduct[]): CatalogProduct | null {
  if (ndc11 === null) return null;
  return catalog.find((p) => p.ndc11s.includes(ndc11)) ?? null;
}

/** The product whose HCPCS code this is on `date` (a code means a product only while effective). */
export function productByHcpcs(
  procedureCode: string,
  date: IsoDate,
  catalog: readonly CatalogProduct[],
): CatalogProduct | null {
  const code = normalizeCode(procedureCode);
  if (code === '') return null;
  return (
    catalog.find((p) =>
      p.hcpcs.some((h) => normalizeCode(h.code) === code && isEffectiveOn(date, h.effectiveFrom, h.effectiveTo)),
    ) ?? null
  );
}

/**
 * rebate-rules section 3: a line is a CGT line of product X when its NDC is one of X's NDCs
 * (flag `O` if its procedure code is another CGT product's HCPCS code), or when its NDC is not in
 * the catalog and its procedure code is X's HCPCS code (flag `K` if the NDC is blank, `O` if it
 * holds any other NDC, including a 10-digit one that normalises to nothing).
 */
export function classifyLine(line: ClaimLine, date: IsoDate, catalog: readonly CatalogProduct[]): CgtLine | null {
  const ndc11 = normalizeNdc(line.ndcRaw);
  const byNdc = productByNdc(ndc11, catalog);
  const byHcpcs = productByHcpcs(line.procedureCode, date, catalog);
  if (byNdc) {
    const disagrees = byHcpcs !== null && byHcpcs.productId !== byNdc.productId;
    return { line, product: byNdc, catalogNdc: ndc11, hcpcsProduct: byHcpcs, flag: disagrees ? 'O' : null };
  }
  if (byHcpcs) {
    const ndcBlank = line.ndcRaw.trim() === '';
    return { line, product: byHcpcs, catalogNdc: null, hcpcsProduct: byHcpcs, flag: ndcBlank ? 'K' : 'O' };
  }
  return null;
}

/** Every CGT line of one version, in LINE-NUM-ORIG order. */
export function cgtLinesOf(version: ClaimVersion, catalog: readonly CatalogProduct[]): CgtLine[] {
  return [...version.lines]
    .sort((a, b) => a.lineNumOrig - b.lineNumOrig || a.recordNumber - b.recordNumber)
    .map((line) => classifyLine(line, lineServiceDate(line, version), catalog))
    .filter((cgt): cgt is CgtLine => cgt !== null);
}
