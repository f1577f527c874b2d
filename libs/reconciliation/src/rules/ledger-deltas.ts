import { ZERO, type Dec } from '@lib/common';
import { compareComponents } from './components';
import { compareText } from './effective-dates';
import { type Component, type EpisodeComponentAmount, type EpisodeComponentSum } from './types';

function keyOf(episodeKey: string, component: Component): string {
  return `${episodeKey}\u0000${component}`;
}

/**
 * rebate-rules section 7: for every episode and component, entry = desired - sum of entries so
 * far; only non-zero differences are returned. A component with entries but no desired amount
 * (a voided or vanished episode, a dropped benchmark) desires 0, so it is reversed.
 * Output is ordered by episodeKey, then component (GUARANTEED, VOLUME, OUTCOME:<code>).
 */
export function ledgerDeltas(
  desired: readonly EpisodeComponentAmount[],
  existingSums: readonly EpisodeComponentSum[],
): EpisodeComponentAmount[] {
  const rows = new Map<string, { episodeKey: string; component: Component; desired: Dec; sum: Dec }>();
  const rowFor = (episodeKey: string, component: Component) => {
    const key = keyOf(episodeKey, component);
    let row = rows.get(key);
    if (!row) {
      row = { episodeKey, component, desired: ZERO, sum: ZERO };
      rows.set(key, row);
    }
    return row;
  };
  const seen = new Set<string>();
  for (const d of desired) {
    const key = keyOf(d.episodeKey, d.component);
    if (seen.has(key)) throw new Error(`Desired amount listed twice: ${d.episodeKey} ${d.component}`);
    seen.add(key);
    rowFor(d.episodeKey, d.component).desired = d.amount;
  }
  // Several sums for one key add up: they are partial sums of the same entries.
  for (const s of existingSums) {
    const row = rowFor(s.episodeKey, s.component);
    row.sum = row.sum.plus(s.sum);
  }
  return [...rows.values()]
    .map((r) => ({ episodeKey: r.episodeKey, component: r.component, amount: r.desired.minus(r.sum) }))
    .filter((r) => !r.amount.isZero())
    .sort((a, b) => compareText(a.episodeKey, b.episodeKey) || compareComponents(a.component, b.component));
}
