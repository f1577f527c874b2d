import { formatMoney } from '@lib/common';
import type { ContractYearCloseResult } from '@lib/reconciliation';

/** What `cgt year close` prints: the close, the tier reached, and what each state's ledger got. */
export function yearCloseReport(productCode: string, result: ContractYearCloseResult): string {
  const { close, states } = result;
  const tier =
    close.tierMinTreatments === null
      ? 'no volume tier reached'
      : `volume tier from ${close.tierMinTreatments} treatments reached, additional rebate ${close.tierPct.times(100).toString()}% of WAC`;
  const lines = [
    `Closed contract year ${close.contractYear} of agreement ${close.agreementId} (${productCode}) on ${close.closedOn}: ` +
      `${close.eligibleEpisodes} eligible episode${close.eligibleEpisodes === 1 ? '' : 's'}, ${tier}.`,
    `Close id ${close.id}`,
    ...states.map(
      (s) =>
        `  ${s.stateCode}: ${s.summary.ledgerEntries} ledger entr${s.summary.ledgerEntries === 1 ? 'y' : 'ies'} appended, ` +
        `sum ${formatMoney(s.summary.ledgerSum)}`,
    ),
  ];
  if (!states.length) lines.push('  No state took part in the agreement that year.');
  return `${lines.join('\n')}\n`;
}
