import { sumDecimals, type Dec, type IsoDate } from '@lib/common';
import { cgtLinesOf, headerServiceDate, type CgtLine } from './cgt-lines';
import { compareText } from './effective-dates';
import { type CatalogProduct, type ClaimVersion } from './types';

/** rebate-rules section 3: all CGT lines of one product in one counting claim version. */
export interface Candidate {
  version: ClaimVersion;
  product: CatalogProduct;
  /** In LINE-NUM-ORIG order. */
  lines: CgtLine[];
  date: IsoDate;
  paid: Dec;
  ndc11: string | null;
}

/** Later candidates of the same beneficiary and product earn nothing (section 3). */
export interface LaterCandidate {
  candidate: Candidate;
  /** `M` same date as the index, `L` a later date. */
  code: 'M' | 'L';
}

export interface EpisodeGroup {
  episodeKey: string;
  index: Candidate;
  later: LaterCandidate[];
}

/** Earliest line BEGINNING-DATE-OF-SERVICE, else the header's, else ADMISSION-DATE (section 3). */
export function candidateDate(lines: readonly CgtLine[], version: ClaimVersion): IsoDate {
  const lineDates = lines.map((l) => l.line.beginDate).filter((d): d is IsoDate => d !== null);
  if (lineDates.length === 0) return headerServiceDate(version);
  return lineDates.reduce((earliest, d) => (d < earliest ? d : earliest));
}

/** The catalog NDC of the first line (by LINE-NUM-ORIG) that has one (section 3). */
export function candidateNdc(lines: readonly CgtLine[]): string | null {
  return lines.find((l) => l.catalogNdc !== null)?.catalogNdc ?? null;
}

/** One candidate per product found in a counting version (section 3). */
export function candidatesOf(version: ClaimVersion, catalog: readonly CatalogProduct[]): Candidate[] {
  const byProduct = new Map<string, CgtLine[]>();
  for (const cgt of cgtLinesOf(version, catalog)) {
    const lines = byProduct.get(cgt.product.productId);
    if (lines) lines.push(cgt);
    else byProduct.set(cgt.product.productId, [cgt]);
  }
  return [...byProduct.values()].map((lines) => ({
    version,
    product: lines[0].product,
    lines,
    date: candidateDate(lines, version),
    paid: sumDecimals(lines.map((l) => l.line.paid)),
    ndc11: candidateNdc(lines),
  }));
}

/** Section 3: candidates of one beneficiary and product are ordered by (date, ICN-ORIG). */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return compareText(a.date, b.date) || compareText(a.version.icnOrig, b.version.icnOrig);
}

/**
 * The beneficiary is (state, MSIS-IDENTIFICATION-NUM). The profile requires the MSIS id, but a
 * version without one cannot be matched to anybody: it stands alone (its own family) rather than
 * being merged with every other unidentified claim into false duplicates.
 */
function beneficiaryKey(version: ClaimVersion): string {
  return version.msisId === null
    ? `${version.stateCode}|?${version.icnOrig}`
    : `${version.stateCode}|${version.msisId}`;
}

/** Episode identity: (state, beneficiary, product, ICN-ORIG of the index), section 3. */
export function episodeKeyOf(index: Pick<Candidate, 'version' | 'product'>): string {
  const { stateCode, msisId, icnOrig } = index.version;
  return [stateCode, index.product.productId, msisId ?? '', icnOrig].join('|');
}

function laterCandidate(candidate: Candidate, index: Candidate): LaterCandidate {
  return { candidate, code: candidate.date === index.date ? 'M' : 'L' };
}

/**
 * Section 3: per (state, beneficiary, product) the first candidate is the index administration;
 * every later one is `M` (same date) or `L` (later date). A voided index is simply no longer a
 * candidate, so the next one becomes the index of a new episode.
 */
export function groupEpisodes(candidates: readonly Candidate[]): EpisodeGroup[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${beneficiaryKey(c.version)}|${c.product.productId}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].map((group) => {
    const [index, ...rest] = [...group].sort(compareCandidates);
    return { episodeKey: episodeKeyOf(index), index, later: rest.map((c) => laterCandidate(c, index)) };
  });
}

/** All candidates of the counting versions (section 3). */
export function findCandidates(counting: readonly ClaimVersion[], catalog: readonly CatalogProduct[]): Candidate[] {
  return counting.flatMap((v) => candidatesOf(v, catalog));
}
