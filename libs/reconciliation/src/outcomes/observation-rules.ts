import type { FieldViolation, IsoDate } from '@lib/common';

/**
 * The named events a state may report. A REPORTED_EVENT benchmark with no diagnosis prefixes
 * counts any of them; one with prefixes counts observations reported as a matching ICD-10-CM code.
 */
export const NAMED_EVENT_CODES = [
  'CRISIS',
  'DEATH',
  'HOSPITALIZATION',
  'REGISTRY_CONFIRMED_EVENT',
  'RETREATMENT',
  'GRAFT_FAILURE',
] as const;

/** An ICD-10-CM code without the dot, e.g. D5721 (a dotted code is accepted and normalised). */
const ICD10_CM = /^[A-Z][0-9][0-9A-Z]{1,5}$/;

export const EVIDENCE_REF_MAX = 500;

/**
 * What kind of evidence decided a benchmark, as a manufacturer may see it (README "Security"):
 * an inpatient claim is an INPATIENT_ADMISSION, a state's observation its named event, and a
 * reported ICD-10-CM code REPORTED_DIAGNOSIS; never the diagnosis code itself.
 */
export function evidenceCategory(source: 'CLAIM' | 'OBSERVATION', eventCode: string | null): string {
  if (source === 'CLAIM') return 'INPATIENT_ADMISSION';
  const code = eventCode === null ? '' : normalizeEventCode(eventCode);
  return (NAMED_EVENT_CODES as readonly string[]).includes(code) ? code : 'REPORTED_DIAGNOSIS';
}

/** `2026-05`: the month of an event, all a manufacturer sees of its date. */
export function eventMonthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** Upper case; an ICD-10-CM code loses its dot. */
export function normalizeEventCode(code: string): string {
  const upper = code.trim().toUpperCase();
  return (NAMED_EVENT_CODES as readonly string[]).includes(upper) ? upper : upper.replace(/\./g, '');
}

export function isValidEventCode(code: string): boolean {
  const normalized = normalizeEventCode(code);
  return (NAMED_EVENT_CODES as readonly string[]).includes(normalized) || ICD10_CM.test(normalized);
}

export interface ObservationDraft {
  eventDate: IsoDate;
  eventCode: string;
  evidenceRef: string;
}

/** Every reason the observation cannot be recorded against an episode administered on that date. */
export function observationViolations(
  draft: ObservationDraft,
  administrationDate: IsoDate,
  today: IsoDate,
): FieldViolation[] {
  const out: FieldViolation[] = [];
  if (draft.eventDate < administrationDate) {
    out.push({ path: 'input.eventDate', message: `must not be before the administration date ${administrationDate}` });
  }
  if (draft.eventDate > today) out.push({ path: 'input.eventDate', message: 'must not be in the future' });
  if (!isValidEventCode(draft.eventCode)) {
    out.push({
      path: 'input.eventCode',
      message: `must be one of ${NAMED_EVENT_CODES.join(', ')} or an ICD-10-CM code without the dot`,
    });
  }
  const evidence = draft.evidenceRef.trim();
  if (evidence.length === 0 || evidence.length > EVIDENCE_REF_MAX) {
    out.push({ path: 'input.evidenceRef', message: `must hold 1 to ${EVIDENCE_REF_MAX} characters` });
  }
  return out;
}
