/**
 * What a stored claim file was loaded with, and what matters now (design-notes "Keep only what
 * matters, but decide it correctly"): the catalog's CGT NDCs (11 digits) and CGT HCPCS codes, and
 * the diagnosis prefixes (D57 and every prefix of an executed benchmark). Stored on each
 * submission in this canonical form (migration 1765000000000).
 */
export interface RelevanceSnapshot {
  readonly diagnosisPrefixes: readonly string[];
  readonly ndc11s: readonly string[];
  readonly hcpcs: readonly string[];
}

/** Keeps nothing: a file whose relevance is unknown is treated as loaded with this. */
export const NOTHING_RELEVANT: RelevanceSnapshot = { diagnosisPrefixes: [], ndc11s: [], hcpcs: [] };

const codes = (values: readonly string[]): string[] =>
  [...new Set(values.map((v) => v.trim().toUpperCase()).filter((v) => v.length > 0))].sort();

/** Trimmed, upper case, sorted, without blanks or repeats: equal relevance, equal JSON. */
export function canonicalRelevance(relevance: RelevanceSnapshot): RelevanceSnapshot {
  return {
    diagnosisPrefixes: codes(relevance.diagnosisPrefixes),
    ndc11s: codes(relevance.ndc11s),
    hcpcs: codes(relevance.hcpcs),
  };
}

/**
 * What `now` keeps that a file loaded with `loadedWith` did not keep: the filter of its re-read.
 * A diagnosis prefix is new unless a prefix the file was loaded with covers it (`I26` is covered
 * by `I2`; `I2` is new for a file loaded with `I26` only). Codes `now` no longer keeps are not
 * "new": a narrowing re-reads nothing, and what was kept stays.
 */
export function newlyRelevant(loadedWith: RelevanceSnapshot, now: RelevanceSnapshot): RelevanceSnapshot {
  const before = canonicalRelevance(loadedWith);
  const after = canonicalRelevance(now);
  const notIn = (kept: readonly string[]) => (code: string) => !kept.includes(code);
  return {
    diagnosisPrefixes: after.diagnosisPrefixes.filter(
      (prefix) => !before.diagnosisPrefixes.some((covering) => prefix.startsWith(covering)),
    ),
    ndc11s: after.ndc11s.filter(notIn(before.ndc11s)),
    hcpcs: after.hcpcs.filter(notIn(before.hcpcs)),
  };
}

/** Whether a re-read with this filter would keep nothing at all. */
export function keepsNothing(relevance: RelevanceSnapshot): boolean {
  return relevance.diagnosisPrefixes.length === 0 && relevance.ndc11s.length === 0 && relevance.hcpcs.length === 0;
}

/**
 * What a file loaded with `loadedWith` and re-read for `rereadFor` has been read with, as stored
 * on it: `now` when that covers everything now in force (the usual case), else the union (the
 * relevance widened again while it was re-read: the next run re-reads it for the rest).
 */
export function relevanceAfterReread(
  loadedWith: RelevanceSnapshot,
  rereadFor: RelevanceSnapshot,
  now: RelevanceSnapshot,
): RelevanceSnapshot {
  const readWith = canonicalRelevance({
    diagnosisPrefixes: [...loadedWith.diagnosisPrefixes, ...rereadFor.diagnosisPrefixes],
    ndc11s: [...loadedWith.ndc11s, ...rereadFor.ndc11s],
    hcpcs: [...loadedWith.hcpcs, ...rereadFor.hcpcs],
  });
  return keepsNothing(newlyRelevant(readWith, now)) ? canonicalRelevance(now) : readWith;
}
