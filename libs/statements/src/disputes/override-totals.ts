import { maxDec, sumDecimals, ZERO, type Dec } from '@lib/common';
import { overridesOf } from '../rules';
import { type Dispute, type StatementLine } from '../rules/types';

/** One episode_override row an UPHELD dispute records: what the component owes in total from now on. */
export interface OverrideTotal {
  episodeRef: string;
  component: StatementLine['component'];
  /** The component's total from now on (reconciliation's desired amount for it). */
  amount: Dec;
}

const keyOf = (episodeRef: string, component: string): string => `${episodeRef}\u0000${component}`;

/**
 * The override totals of an UPHELD dispute (rebate-rules section 8), from the targets the rule
 * `overridesOf` names and the component sums of the ledger as it stands at the resolution.
 *
 * Our choice: the agreed amount is what the disputed LINE should have been, not what the whole
 * component owes. A component's entries may span several statements (e.g. an outcome rebate
 * billed, reversed, then billed again), so the component's new total is its cumulative sum
 * minus the part of the disputed lines that was not owed:
 *
 *     override = sum so far - (sum of the disputed lines of that component - agreed amount)
 *
 * When the disputed line is the component's only entry (the usual case) this is the agreed
 * amount itself. A whole-statement dispute is upheld at 0 (resolveDispute enforces it), so every
 * component on the statement loses exactly what the statement billed for it. The total never
 * goes below 0: a component owes nothing less than nothing (a line already reversed later is
 * not reversed twice).
 */
export function overrideTotals(
  dispute: Dispute,
  lines: readonly StatementLine[],
  componentSums: ReadonlyMap<string, Dec>,
): OverrideTotal[] {
  const scope = dispute.scope;
  const disputed = scope.kind === 'LINE' ? lines.filter((l) => l.lineId === scope.lineId) : lines;
  return overridesOf(dispute, lines).map((o) => {
    const key = keyOf(o.episodeRef, o.component);
    const billed = sumDecimals(disputed.filter((l) => keyOf(l.episodeRef, l.component) === key).map((l) => l.amount));
    const sum = componentSums.get(key) ?? ZERO;
    return {
      episodeRef: o.episodeRef,
      component: o.component,
      amount: maxDec(sum.minus(billed.minus(o.amount)), ZERO),
    };
  });
}

/** The key componentSums is indexed by. */
export function componentKey(episodeRef: string, component: string): string {
  return keyOf(episodeRef, component);
}
