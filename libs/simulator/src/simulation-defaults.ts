import { monthsBetween, type IsoDate } from '@lib/common';
import { windowMonths, type TermSheet } from '@lib/reconciliation';
import type { FailureModel, StateAssumptions, TreatedModel, VolumePool } from './engine';

/** One treated episode of the product as the platform holds it (no beneficiary identity). */
export interface HistoryEpisode {
  stateCode: string;
  administrationDate: IsoDate;
  eligible: boolean;
  /** Per benchmark code: months(A, E) of the deciding event, or null without one. */
  events: Record<string, number | null>;
}

/** domain.md "Data realism": CMS estimated up to 2,400 treated in six years, ~10 per jurisdiction a year. */
export const ASSUMED_TREATED_PER_YEAR = 10;
/** Without outcome data: an assumed 1 % chance a month of a first qualifying event. */
export const ASSUMED_MONTHLY_HAZARD = 0.01;

/**
 * Default assumptions from the platform's own data, labelled as such (README "Term-sheet
 * simulator", Input): a state's treated episodes so far over the months since it joined (or its
 * first administration) give its yearly rate; outcome failures observed so far over the
 * patient-months at risk give one monthly hazard per benchmark (pooled over the episodes the caller
 * may read). Where the platform has nothing, a stated assumption.
 */
export function defaultAssumptions(input: {
  terms: TermSheet;
  states: { stateCode: string; participationFrom: IsoDate | null }[];
  history: readonly HistoryEpisode[];
  today: IsoDate;
}): StateAssumptions[] {
  const failure = input.terms.benchmarks.map((b) =>
    observedHazard(b.code, windowMonths(b), input.history, input.today),
  );
  return input.states.map((s) => ({
    stateCode: s.stateCode,
    participationFrom: s.participationFrom,
    treated: observedRate(s, input.history, input.today),
    uptakeRamp: [1],
    failure: failure.map((f) => ({ ...f, hazard: f.hazard.map((h) => ({ ...h })) })),
  }));
}

function observedRate(
  state: { stateCode: string; participationFrom: IsoDate | null },
  history: readonly HistoryEpisode[],
  today: IsoDate,
): TreatedModel {
  const episodes = history.filter((h) => h.stateCode === state.stateCode);
  if (episodes.length === 0) {
    return {
      distribution: 'POISSON',
      perYear: ASSUMED_TREATED_PER_YEAR,
      dispersion: null,
      source: 'ASSUMED',
      note: `No treated episodes of ${state.stateCode} on the platform yet: CMS's estimate of about ${ASSUMED_TREATED_PER_YEAR} a year per jurisdiction.`,
    };
  }
  const first = episodes.reduce((min, e) => (e.administrationDate < min ? e.administrationDate : min), today);
  const from = state.participationFrom !== null && state.participationFrom < first ? state.participationFrom : first;
  const months = Math.max(1, monthsBetween(from, today) + 1);
  const perYear = Math.round((episodes.length / months) * 12 * 100) / 100;
  return {
    distribution: 'POISSON',
    perYear,
    dispersion: null,
    source: 'PLATFORM_DATA',
    note: `${episodes.length} treated episode(s) of ${state.stateCode} in ${months} month(s) since ${from}.`,
  };
}

function observedHazard(
  code: string,
  window: number,
  history: readonly HistoryEpisode[],
  today: IsoDate,
): FailureModel {
  let events = 0;
  let exposure = 0;
  let episodes = 0;
  for (const e of history) {
    if (!e.eligible || !(code in e.events)) continue;
    episodes += 1;
    const months = e.events[code];
    if (months !== null && months !== undefined) {
      events += 1;
      exposure += months + 1;
    } else {
      exposure += Math.max(0, Math.min(window, monthsBetween(e.administrationDate, today)));
    }
  }
  if (exposure === 0) {
    return {
      benchmarkCode: code,
      hazard: [{ fromMonth: 0, monthlyProbability: ASSUMED_MONTHLY_HAZARD }],
      source: 'ASSUMED',
      note: `No follow-up of ${code} on the platform yet: an assumed ${ASSUMED_MONTHLY_HAZARD * 100} % a month.`,
    };
  }
  return {
    benchmarkCode: code,
    hazard: [{ fromMonth: 0, monthlyProbability: Math.round((events / exposure) * 1e6) / 1e6 }],
    source: 'PLATFORM_DATA',
    note: `${events} ${code} failure(s) in ${exposure} patient-month(s) of follow-up of ${episodes} eligible episode(s), as of ${today}.`,
  };
}

/** For state staff: the other participating jurisdictions, at the assumed rate, count toward the volume tier. */
export function defaultVolumePool(otherStates: number): VolumePool | null {
  if (otherStates <= 0) return null;
  return {
    treated: {
      distribution: 'POISSON',
      perYear: otherStates * ASSUMED_TREATED_PER_YEAR,
      dispersion: null,
      source: 'ASSUMED',
      note: `${otherStates} other participating jurisdiction(s) at about ${ASSUMED_TREATED_PER_YEAR} a year each.`,
    },
    uptakeRamp: [1],
    source: 'ASSUMED',
    note: 'Other states count toward the pooled volume tier only (rebate-rules section 6); their money is not shown.',
  };
}
