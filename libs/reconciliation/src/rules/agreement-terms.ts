import { type IsoDate } from '@lib/common';
import { compareText, isEffectiveOn } from './effective-dates';
import { describePeriod } from './plain-language';
import {
  type AgreementTermsVersion,
  type CatalogProduct,
  type ExecutedAgreement,
  type ScheduleEntry,
  type TermSheet,
} from './types';

/**
 * rebate-rules section 1: the terms in force for an administration dated `date` are those of the
 * executed version with the latest effectiveFrom on or before it (the original, effectiveFrom
 * null, counts as minus infinity). Two versions effective the same day: the later-listed one
 * (the caller lists versions in execution order) wins, as the later execution replaced the other.
 */
export function termsInForce(versions: readonly AgreementTermsVersion[], date: IsoDate): AgreementTermsVersion | null {
  let inForce: AgreementTermsVersion | null = null;
  for (const v of versions) {
    if (v.effectiveFrom !== null && v.effectiveFrom > date) continue;
    if (inForce === null || effectiveRank(v) >= effectiveRank(inForce)) inForce = v;
  }
  return inForce;
}

function effectiveRank(v: AgreementTermsVersion): string {
  return v.effectiveFrom ?? '';
}

export function isInEnrollmentWindow(terms: TermSheet, date: IsoDate): boolean {
  return isEffectiveOn(date, terms.enrollmentStart, terms.enrollmentEnd);
}

/** Section 1: the schedule entry effective on the administration date (entries do not overlap). */
export function scheduleEntryOn(terms: TermSheet, date: IsoDate): ScheduleEntry | null {
  return terms.schedule.find((e) => isEffectiveOn(date, e.effectiveFrom, e.effectiveTo)) ?? null;
}

/**
 * The agreements as one state's reconciliation sees them: each keeps only that state's
 * participations. The rules read no other state's (participatesOn, participationMiss), so this
 * changes no result; it keeps another state's join or leave out of the inputs a state's
 * reconciliation scope is keyed on (docs/architecture.md "Reconciliation scope").
 */
export function agreementsOfState(agreements: readonly ExecutedAgreement[], stateCode: string): ExecutedAgreement[] {
  return agreements.map((agreement) => ({
    ...agreement,
    participations: agreement.participations.filter((p) => p.stateCode === stateCode),
  }));
}

/** Participation is per (state, agreement), effectiveFrom and effectiveTo both inclusive. */
export function participatesOn(agreement: ExecutedAgreement, stateCode: string, date: IsoDate): boolean {
  return agreement.participations.some(
    (p) => p.stateCode === stateCode && isEffectiveOn(date, p.effectiveFrom, p.effectiveTo),
  );
}

export interface AgreementMatch {
  agreement: ExecutedAgreement;
  termsVersion: AgreementTermsVersion;
  entry: ScheduleEntry;
}

export type AgreementResolution = { found: true; match: AgreementMatch } | { found: false; reason: string };

/** How far an agreement gets through the section 4 `U` check; the furthest one explains a miss. */
type Progress =
  | { stage: 0; agreement: ExecutedAgreement; termsVersion: AgreementTermsVersion | null }
  | { stage: 1 | 2; agreement: ExecutedAgreement; termsVersion: AgreementTermsVersion }
  | { stage: 3; match: AgreementMatch };

function progressOf(agreement: ExecutedAgreement, stateCode: string, date: IsoDate): Progress {
  const termsVersion = termsInForce(agreement.versions, date);
  if (!termsVersion || !isInEnrollmentWindow(termsVersion.terms, date)) return { stage: 0, agreement, termsVersion };
  if (!participatesOn(agreement, stateCode, date)) return { stage: 1, agreement, termsVersion };
  const entry = scheduleEntryOn(termsVersion.terms, date);
  if (!entry) return { stage: 2, agreement, termsVersion };
  return { stage: 3, match: { agreement, termsVersion, entry } };
}

/**
 * Section 4 `U`: an executed agreement for the product whose enrollment window holds the date and
 * in which the state participates on that date. The documents are silent on two points:
 * - no schedule entry covering the date also fails `U` (no price means no rebate can be computed);
 * - if several agreements qualify, the lowest agreementId decides, so the choice is stable.
 */
export function resolveAgreement(
  product: CatalogProduct,
  stateCode: string,
  date: IsoDate,
  agreements: readonly ExecutedAgreement[],
): AgreementResolution {
  const progress = agreements
    .filter((a) => a.productId === product.productId)
    .sort((a, b) => compareText(a.agreementId, b.agreementId))
    .map((a) => progressOf(a, stateCode, date));
  const full = progress.find((p) => p.stage === 3);
  if (full) return { found: true, match: full.match };
  const furthest = progress.reduce<Progress | null>((best, p) => (best && best.stage >= p.stage ? best : p), null);
  return { found: false, reason: missReason(furthest, product, stateCode, date) };
}

function missReason(progress: Progress | null, product: CatalogProduct, stateCode: string, date: IsoDate): string {
  if (progress === null) return `There is no executed agreement for ${product.code}.`;
  switch (progress.stage) {
    case 0: {
      const terms = progress.termsVersion?.terms;
      const window = terms ? ` (${describePeriod(terms.enrollmentStart, terms.enrollmentEnd)})` : '';
      return (
        `The administration date ${date} is outside the enrollment window${window} of ` +
        `agreement ${progress.agreement.agreementId} for ${product.code}.`
      );
    }
    case 1:
      return participationMiss(progress.agreement, product, stateCode, date);
    case 2:
      return (
        `Agreement ${progress.agreement.agreementId} for ${product.code} has no price schedule entry ` +
        `(WAC) in effect on ${date}.`
      );
    case 3:
      return '';
  }
}

function participationMiss(
  agreement: ExecutedAgreement,
  product: CatalogProduct,
  state: string,
  date: IsoDate,
): string {
  const periods = agreement.participations
    .filter((p) => p.stateCode === state)
    .map((p) => describePeriod(p.effectiveFrom, p.effectiveTo));
  const base = `${state} does not participate in agreement ${agreement.agreementId} for ${product.code} on ${date}`;
  return periods.length === 0
    ? `${base}: ${state} has not opted in.`
    : `${base}: it participates ${periods.join(', ')}.`;
}
