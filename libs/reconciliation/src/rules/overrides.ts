import { type DesiredAmount, type DisputeOverride } from './types';
import { compareComponents } from './components';

/**
 * rebate-rules section 8: an UPHELD dispute fixes the component's desired amount at the agreed
 * amount, applied after the cap chain (section 5) so it is final. An override for a component the
 * episode does not (or no longer) compute still applies: the agreement stands. If several
 * overrides name the same component, the last one listed (the latest resolution) wins.
 */
export function applyOverrides(
  episodeKey: string,
  desired: readonly DesiredAmount[],
  overrides: readonly DisputeOverride[],
): DesiredAmount[] {
  const agreed = new Map(overrides.filter((o) => o.episodeKey === episodeKey).map((o) => [o.component, o.amount]));
  const result = desired.map((d) => ({ component: d.component, amount: agreed.get(d.component) ?? d.amount }));
  for (const [component, amount] of agreed) {
    if (!result.some((d) => d.component === component)) result.push({ component, amount });
  }
  return result.sort((a, b) => compareComponents(a.component, b.component));
}
