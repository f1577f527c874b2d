import { normalizeNdc } from '@lib/reference';

/**
 * Which lines and diagnoses matter to reconciliation (design-notes "Keep only what matters").
 * A CGT line: its normalised NDC is a catalog CGT NDC, or its PROCEDURE-CODE is a CGT HCPCS code
 * (rebate-rules section 3; the O/K flags are decided later from these two facts). A relevant
 * diagnosis starts with one of the prefixes (e.g. the sickle-cell codes of outcome benchmarks).
 */
export interface RelevanceFilter {
  readonly cgtNdc11s: ReadonlySet<string>;
  readonly cgtHcpcs: ReadonlySet<string>;
  readonly diagnosisPrefixes: readonly string[];
}

/** Normalising NDCs is the costly part of the filter; a claim file repeats few distinct NDCs. */
const NDC_CACHE_LIMIT = 50_000;

export class RelevanceClassifier {
  private readonly ndcCache = new Map<string, string | null>();
  private readonly prefixes: readonly string[];

  constructor(private readonly filter: RelevanceFilter) {
    this.prefixes = filter.diagnosisPrefixes.filter((prefix) => prefix.length > 0);
  }

  /** normalizeNdc of a non-blank NDC, cached. */
  ndc11(raw: string): string | null {
    let ndc11 = this.ndcCache.get(raw);
    if (ndc11 === undefined) {
      ndc11 = normalizeNdc(raw);
      if (this.ndcCache.size >= NDC_CACHE_LIMIT) this.ndcCache.clear();
      this.ndcCache.set(raw, ndc11);
    }
    return ndc11;
  }

  isCgtNdc(ndc11: string | null): boolean {
    return ndc11 !== null && this.filter.cgtNdc11s.has(ndc11);
  }

  isCgtHcpcs(procedureCode: string): boolean {
    return procedureCode.length > 0 && this.filter.cgtHcpcs.has(procedureCode);
  }

  /** Whether text[start, end) (a DIAGNOSIS-CODE) starts with one of the prefixes; no slicing. */
  isRelevantDiagnosis(text: string, start = 0, end = text.length): boolean {
    for (const prefix of this.prefixes) {
      if (prefix.length <= end - start && text.startsWith(prefix, start)) return true;
    }
    return false;
  }
}
