import { ZERO, type Dec, type IsoDate } from '@lib/common';
import { type AgreementMatch } from './agreement-terms';
import { type EpisodeGroup } from './candidates';
import { outcomeComponent } from './components';
import { compareText } from './effective-dates';
import { checkEligibility, episodeWarnings, type EpisodeWarning } from './eligibility';
import { capAmountOf, episodeAmounts } from './episode-amounts';
import {
  benchmarkStatus,
  firstClaimEvent,
  firstObservationEvent,
  tierFor,
  windowEnd,
  type FoundEvent,
} from './outcomes';
import { applyOverrides } from './overrides';
import {
  type Benchmark,
  type BenchmarkResult,
  type BenchmarkTier,
  type DesiredAmount,
  type Episode,
  type OutcomeEvent,
  type ReconcileStateInput,
  type TermSheet,
} from './types';
import { volumeRateFor } from './volume';
import { type EpisodeLookups } from './episode-lookups';

/**
 * What building an episode needs besides its candidates: the state's inputs, looked up per
 * episode (episode-lookups.ts) so that building every episode of a state costs in proportion to
 * the state's inputs, not to their square.
 */
export interface EpisodeContext {
  input: ReconcileStateInput;
  lookups: EpisodeLookups;
}

export interface BuiltEpisode {
  episode: Episode;
  warnings: EpisodeWarning[];
}

/** Section 5: every component the terms define, in cap-chain order. */
function componentsOf(terms: TermSheet): DesiredAmount[] {
  return [
    { component: 'GUARANTEED', amount: ZERO },
    { component: 'VOLUME', amount: ZERO },
    ...[...terms.benchmarks]
      .sort((a, b) => compareText(a.code, b.code))
      .map((b) => ({ component: outcomeComponent(b.code), amount: ZERO })),
  ];
}

/** rebate-rules sections 3-5 and 8 for one episode group. */
export function buildEpisode(group: EpisodeGroup, ctx: EpisodeContext): BuiltEpisode {
  const { index } = group;
  const eligibility = checkEligibility(index, ctx.input.agreements);
  const match = eligibility.match;
  const base: Episode = {
    episodeKey: group.episodeKey,
    stateCode: index.version.stateCode,
    productId: index.product.productId,
    msisId: index.version.msisId,
    indexIcn: index.version.icnOrig,
    indexVersionId: index.version.id,
    administrationDate: index.date,
    ndc11: index.ndc11,
    paid: index.paid,
    status: eligibility.code === null ? 'ELIGIBLE' : 'INELIGIBLE',
    ineligibleCode: eligibility.code,
    ineligibleReason: eligibility.reason,
    warnings: [],
    agreementId: match?.agreement.agreementId ?? null,
    termsVersionId: match?.termsVersion.versionId ?? null,
    wac: match?.entry.wac ?? null,
    guaranteedRebatePct: match?.entry.guaranteedRebatePct ?? null,
    capAmount: match ? capAmountOf(match.entry.wac, match.termsVersion.terms.supplementalCapPct) : null,
    benchmarks: [],
    // An INELIGIBLE episode desires 0 of everything (section 7), so earlier entries reverse.
    desired: match ? componentsOf(match.termsVersion.terms) : [],
  };
  // Benchmarks, warnings and amounts are for ELIGIBLE episodes only (sections 4 and 5).
  if (eligibility.code !== null || match === null) {
    return { episode: withOverrides(base, ctx), warnings: [] };
  }
  const warnings = episodeWarnings(index, match.entry.wac);
  const priced = priceEligibleEpisode(base, match, ctx);
  return { episode: withOverrides({ ...priced, warnings: warnings.map((w) => w.code) }, ctx), warnings };
}

function withOverrides(episode: Episode, ctx: EpisodeContext): Episode {
  return {
    ...episode,
    desired: applyOverrides(episode.episodeKey, episode.desired, ctx.lookups.overridesOf(episode.episodeKey)),
  };
}

/** Sections 5 and 6: GUARANTEED, then VOLUME, then OUTCOME amounts cut to the headroom left. */
function priceEligibleEpisode(episode: Episode, match: AgreementMatch, ctx: EpisodeContext): Episode {
  const { terms } = match.termsVersion;
  const wac = match.entry.wac;
  const evaluated = terms.benchmarks.map((benchmark) => {
    const event = decidingEvent(benchmark, episode, ctx);
    const tier = event ? tierFor(benchmark, event.months) : null;
    return { benchmark, event, tier };
  });
  const amounts = episodeAmounts({
    wac,
    guaranteedRebatePct: match.entry.guaranteedRebatePct,
    supplementalCapPct: terms.supplementalCapPct,
    volumePct: volumeRateFor(ctx.input.volumeRates, match.agreement.agreementId, episode.administrationDate),
    outcomes: evaluated.flatMap(({ benchmark, event, tier }) =>
      event && tier ? [{ benchmarkCode: benchmark.code, eventDate: event.eventDate, rebatePct: tier.rebatePct }] : [],
    ),
  });
  const { guaranteed, volume, outcomes: capped } = amounts;

  const benchmarks = evaluated.map(({ benchmark, event, tier }): BenchmarkResult => {
    const end = windowEnd(episode.administrationDate, benchmark);
    const outcome =
      event && tier
        ? toOutcomeEvent(event, tier, amounts.uncapped.get(benchmark.code) ?? ZERO, capped.get(benchmark.code) ?? ZERO)
        : null;
    return {
      code: benchmark.code,
      measure: benchmark.measure,
      status: benchmarkStatus(benchmark, outcome !== null, end, ctx.input.latestCipPeriodEnd, ctx.input.asOf),
      windowEnd: end,
      event: outcome,
    };
  });
  const desired = episode.desired.map((d): DesiredAmount => {
    if (d.component === 'GUARANTEED') return { component: d.component, amount: guaranteed };
    if (d.component === 'VOLUME') return { component: d.component, amount: volume };
    const code = d.component.slice('OUTCOME:'.length);
    return { component: d.component, amount: capped.get(code) ?? ZERO };
  });
  return { ...episode, benchmarks, desired };
}

function decidingEvent(
  benchmark: Benchmark,
  episode: { episodeKey: string; stateCode: string; msisId: string | null; administrationDate: IsoDate },
  ctx: EpisodeContext,
): FoundEvent | null {
  return benchmark.measure === 'REPORTED_EVENT'
    ? firstObservationEvent(benchmark, episode, ctx.lookups.observationsOf(episode.episodeKey))
    : firstClaimEvent(benchmark, episode, ctx.lookups.cipVersionsOf(episode.stateCode, episode.msisId));
}

function toOutcomeEvent(event: FoundEvent, tier: BenchmarkTier, uncappedAmount: Dec, amount: Dec): OutcomeEvent {
  const common = {
    eventDate: event.eventDate,
    months: event.months,
    tierThroughMonth: tier.throughMonth,
    rebatePct: tier.rebatePct,
    uncappedAmount,
    amount,
  };
  return event.source === 'CLAIM'
    ? {
        source: 'CLAIM',
        versionId: event.version.id,
        icn: event.version.icnOrig,
        diagnosisCode: event.diagnosisCode,
        ...common,
      }
    : { source: 'OBSERVATION', observationId: event.observation.id, eventCode: event.observation.eventCode, ...common };
}
