// The reconciliation and rebate rules (rebate-rules.md sections 2-8) as pure functions.
export * from './types';
export { reconcileState } from './reconcile-state';
export { ledgerDeltas } from './ledger-deltas';
export { countingVersions, countsAsUtilization, finalActionOf, familyKey } from './final-action';
export { classifyLine, type CgtLine, type LineFlag } from './cgt-lines';
export { episodeKeyOf } from './candidates';
export { beneficiaryOfEpisodeKey, followBeneficiaries } from './observation-follow';
export { agreementsOfState, termsInForce, scheduleEntryOn, participatesOn, resolveAgreement } from './agreement-terms';
export {
  guaranteedAmount,
  capAmountOf,
  outcomeAmount,
  volumeAmount,
  capOutcomes,
  episodeAmounts,
  type EpisodeAmounts,
  type EpisodeAmountsInput,
  type TieredOutcome,
} from './episode-amounts';
export { reachedVolumeTier, volumeTierPct, volumeRateFor } from './volume';
export { applyOverrides } from './overrides';
export { windowMonths, windowEnd, tierFor, benchmarkStatus, isInMeasurementPeriod } from './outcomes';
export { contractYearOf, isEffectiveOn } from './effective-dates';
export { outcomeComponent, compareComponents } from './components';
