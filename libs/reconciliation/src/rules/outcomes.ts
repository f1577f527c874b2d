import { addDays, addMonths, monthsBetween, type IsoDate } from '@lib/common';
import { compareText } from './effective-dates';
import {
  type Benchmark,
  type BenchmarkStatus,
  type BenchmarkTier,
  type ClaimVersion,
  type OutcomeObservation,
} from './types';

/** The event that decides a benchmark, before any money (rebate-rules section 5). */
export type FoundEvent =
  | { source: 'CLAIM'; eventDate: IsoDate; months: number; version: ClaimVersion; diagnosisCode: string }
  | { source: 'OBSERVATION'; eventDate: IsoDate; months: number; observation: OutcomeObservation };

/** Section 1: the window is the largest throughMonth. */
export function windowMonths(benchmark: Pick<Benchmark, 'tiers'>): number {
  return benchmark.tiers.reduce((max, t) => Math.max(max, t.throughMonth), 0);
}

/** Section 5: the window ends `date + window months` (a missing day clamps to the month's end). */
export function windowEnd(administrationDate: IsoDate, benchmark: Pick<Benchmark, 'tiers'>): IsoDate {
  return addMonths(administrationDate, windowMonths(benchmark));
}

/**
 * Section 5: E > date + washoutDays (E on that very day is still washout) and
 * months(date, E) < window.
 */
export function isInMeasurementPeriod(administrationDate: IsoDate, eventDate: IsoDate, benchmark: Benchmark): boolean {
  return (
    eventDate > addDays(administrationDate, benchmark.washoutDays) &&
    monthsBetween(administrationDate, eventDate) < windowMonths(benchmark)
  );
}

/** Section 5: the first tier (ascending throughMonth) with months < throughMonth. */
export function tierFor(benchmark: Pick<Benchmark, 'tiers'>, months: number): BenchmarkTier | null {
  const ascending = [...benchmark.tiers].sort((a, b) => a.throughMonth - b.throughMonth);
  return ascending.find((t) => months < t.throughMonth) ?? null;
}

/** ICD-10-CM codes are sent without the dot; a dotted or lower-case code still means the same. */
function normalizeDiagnosis(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

export function startsWithAnyPrefix(code: string, prefixes: readonly string[]): boolean {
  const normalized = normalizeDiagnosis(code);
  return prefixes.some((p) => normalizeDiagnosis(p) !== '' && normalized.startsWith(normalizeDiagnosis(p)));
}

/** The first diagnosis (by DIAGNOSIS-CODE-SEQ) that carries one of the benchmark's prefixes. */
export function qualifyingDiagnosis(version: ClaimVersion, prefixes: readonly string[]): string | null {
  const ordered = [...version.diagnoses].sort((a, b) => a.seq - b.seq);
  return ordered.find((d) => startsWithAnyPrefix(d.code, prefixes))?.code ?? null;
}

/**
 * Section 5, VOE_HOSPITALIZATION: among the beneficiary's counting CLAIMIP versions (the caller
 * passes counting versions; this keeps CIP ones of the same state and MSIS id), those whose
 * ADMISSION-DATE is in the measurement period and that carry a qualifying diagnosis; the first
 * by (E, ICN-ORIG) decides.
 */
export function firstClaimEvent(
  benchmark: Benchmark,
  episode: { stateCode: string; msisId: string | null; administrationDate: IsoDate },
  counting: readonly ClaimVersion[],
): FoundEvent | null {
  if (episode.msisId === null) return null;
  const events: FoundEvent[] = [];
  for (const v of counting) {
    if (v.fileType !== 'CIP' || v.stateCode !== episode.stateCode || v.msisId !== episode.msisId) continue;
    const eventDate = v.admissionDate;
    if (eventDate === null || !isInMeasurementPeriod(episode.administrationDate, eventDate, benchmark)) continue;
    const diagnosisCode = qualifyingDiagnosis(v, benchmark.diagnosisPrefixes);
    if (diagnosisCode === null) continue;
    const months = monthsBetween(episode.administrationDate, eventDate);
    events.push({ source: 'CLAIM', eventDate, months, version: v, diagnosisCode });
  }
  return events.sort((a, b) => compareText(a.eventDate, b.eventDate) || compareText(icnOf(a), icnOf(b)))[0] ?? null;
}

function icnOf(event: FoundEvent): string {
  return event.source === 'CLAIM' ? event.version.icnOrig : event.observation.id;
}

/**
 * REPORTED_EVENT: the same washout, window and tier rules over the state's observations for this
 * episode; non-empty prefixes must match the event code. The documents give observations no
 * ICN, so ties on the event date are broken by observation id.
 */
export function firstObservationEvent(
  benchmark: Benchmark,
  episode: { episodeKey: string; administrationDate: IsoDate },
  observations: readonly OutcomeObservation[],
): FoundEvent | null {
  const events: FoundEvent[] = observations
    .filter((o) => o.episodeKey === episode.episodeKey)
    .filter((o) => isInMeasurementPeriod(episode.administrationDate, o.eventDate, benchmark))
    .filter(
      (o) => benchmark.diagnosisPrefixes.length === 0 || startsWithAnyPrefix(o.eventCode, benchmark.diagnosisPrefixes),
    )
    .map((observation) => ({
      source: 'OBSERVATION' as const,
      eventDate: observation.eventDate,
      months: monthsBetween(episode.administrationDate, observation.eventDate),
      observation,
    }));
  return events.sort((a, b) => compareText(a.eventDate, b.eventDate) || compareText(icnOf(a), icnOf(b)))[0] ?? null;
}

/**
 * Section 5: NOT_MET with an event; MET once the window has ended on or before the data that
 * would show an event: the latest CLAIMIP END-OF-TIME-PERIOD for VOE benchmarks, today for
 * state-reported ones; PENDING otherwise.
 */
export function benchmarkStatus(
  benchmark: Pick<Benchmark, 'measure'>,
  hasEvent: boolean,
  end: IsoDate,
  latestCipPeriodEnd: IsoDate | null,
  asOf: IsoDate,
): BenchmarkStatus {
  if (hasEvent) return 'NOT_MET';
  const dataThrough = benchmark.measure === 'REPORTED_EVENT' ? asOf : latestCipPeriodEnd;
  return dataThrough !== null && end <= dataThrough ? 'MET' : 'PENDING';
}
