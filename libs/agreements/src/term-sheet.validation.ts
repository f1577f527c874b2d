import { addDays, Dec, isIsoDate, type FieldViolation } from '@lib/common';
import { BENCHMARK_MEASURES, type TermSheet } from './term-sheet';

const MAX_PCT_PLACES = 6;
const MAX_MONEY_PLACES = 2;
const BENCHMARK_CODE = /^[A-Z][A-Z0-9_]{0,19}$/;
/** ICD-10-CM code prefix without the dot, e.g. D5721. */
const DIAGNOSIS_PREFIX = /^[A-Z][0-9][0-9A-Z]{0,5}$/;

const ONE = new Dec(1);

/** rebate-rules section 1: "Percentages are fractions with up to 6 decimals". */
function fractionViolation(value: Dec): string | null {
  if (!value.isFinite() || value.isNegative() || value.greaterThan(ONE)) return 'must be a fraction between 0 and 1';
  if (value.decimalPlaces() > MAX_PCT_PLACES) return `must have at most ${MAX_PCT_PLACES} decimal places`;
  return null;
}

/**
 * Every rule a term sheet must satisfy, each violation reported by its path (`input.terms.
 * schedule[1].wac`), so that a client gets one BAD_USER_INPUT error listing them all.
 * Pure: no I/O, no clock.
 */
export function validateTermSheet(terms: TermSheet, pathPrefix: string): FieldViolation[] {
  const out: FieldViolation[] = [];
  const at = (path: string, message: string) => out.push({ path: `${pathPrefix}.${path}`, message });
  const pct = (path: string, value: Dec) => {
    const problem = fractionViolation(value);
    if (problem) at(path, problem);
  };

  // Enrollment window.
  const startOk = isIsoDate(terms.enrollmentStart);
  const endOk = isIsoDate(terms.enrollmentEnd);
  if (!startOk) at('enrollmentStart', 'must be a date YYYY-MM-DD');
  if (!endOk) at('enrollmentEnd', 'must be a date YYYY-MM-DD');
  if (startOk && endOk && terms.enrollmentStart > terms.enrollmentEnd) {
    at('enrollmentEnd', 'must not be before enrollmentStart');
  }

  pct('supplementalCapPct', terms.supplementalCapPct);
  const capOk = fractionViolation(terms.supplementalCapPct) === null;

  // Price schedule: valid entries, ascending, no overlap, no gap, covering the window.
  const beforeSchedule = out.length;
  if (terms.schedule.length === 0) at('schedule', 'must have at least one entry');
  terms.schedule.forEach((entry, i) => {
    const path = `schedule[${i}]`;
    if (!isIsoDate(entry.effectiveFrom)) at(`${path}.effectiveFrom`, 'must be a date YYYY-MM-DD');
    if (entry.effectiveTo !== null && !isIsoDate(entry.effectiveTo)) {
      at(`${path}.effectiveTo`, 'must be a date YYYY-MM-DD');
    } else if (entry.effectiveTo !== null && entry.effectiveTo < entry.effectiveFrom) {
      at(`${path}.effectiveTo`, 'must not be before effectiveFrom');
    }
    if (!entry.wac.isFinite() || entry.wac.lessThanOrEqualTo(0)) at(`${path}.wac`, 'must be greater than 0');
    else if (entry.wac.decimalPlaces() > MAX_MONEY_PLACES) at(`${path}.wac`, 'must have at most 2 decimal places');
    pct(`${path}.guaranteedRebatePct`, entry.guaranteedRebatePct);
    const guaranteedOk = fractionViolation(entry.guaranteedRebatePct) === null;
    if (capOk && guaranteedOk && entry.guaranteedRebatePct.greaterThan(terms.supplementalCapPct)) {
      at(`${path}.guaranteedRebatePct`, 'must not exceed supplementalCapPct');
    }
    const previous = terms.schedule[i - 1];
    if (previous && isIsoDate(previous.effectiveFrom) && isIsoDate(entry.effectiveFrom)) {
      if (entry.effectiveFrom <= previous.effectiveFrom) {
        at(`${path}.effectiveFrom`, 'entries must be in ascending effectiveFrom order');
      } else if (previous.effectiveTo === null || previous.effectiveTo >= entry.effectiveFrom) {
        at(`${path}.effectiveFrom`, `overlaps schedule[${i - 1}]`);
      } else if (addDays(previous.effectiveTo, 1) !== entry.effectiveFrom) {
        at(
          `${path}.effectiveFrom`,
          `leaves a gap after schedule[${i - 1}] (must start ${addDays(previous.effectiveTo, 1)})`,
        );
      }
    }
  });
  // Coverage is only meaningful for a well-formed schedule.
  const scheduleOk = out.length === beforeSchedule;
  const first = terms.schedule[0];
  const last = terms.schedule.at(-1);
  if (scheduleOk && first && startOk && isIsoDate(first.effectiveFrom) && first.effectiveFrom > terms.enrollmentStart) {
    at('schedule[0].effectiveFrom', 'the schedule must cover the enrollment window from enrollmentStart');
  }
  if (
    scheduleOk &&
    last &&
    endOk &&
    last.effectiveTo !== null &&
    isIsoDate(last.effectiveTo) &&
    last.effectiveTo < terms.enrollmentEnd
  ) {
    at(
      `schedule[${terms.schedule.length - 1}].effectiveTo`,
      'the schedule must cover the enrollment window to enrollmentEnd',
    );
  }

  // Outcome benchmarks.
  const codes = new Set<string>();
  terms.benchmarks.forEach((benchmark, i) => {
    const path = `benchmarks[${i}]`;
    if (!BENCHMARK_CODE.test(benchmark.code)) {
      at(`${path}.code`, 'must be 1-20 upper-case letters, digits or _, starting with a letter');
    } else if (codes.has(benchmark.code)) {
      at(`${path}.code`, `duplicates benchmark code ${benchmark.code}`);
    }
    codes.add(benchmark.code);
    if (!BENCHMARK_MEASURES.includes(benchmark.measure)) {
      at(`${path}.measure`, `must be one of ${BENCHMARK_MEASURES.join(', ')}`);
    }
    if (!Number.isInteger(benchmark.washoutDays) || benchmark.washoutDays < 0) {
      at(`${path}.washoutDays`, 'must be a whole number of days >= 0');
    }
    if (benchmark.measure === 'VOE_HOSPITALIZATION' && benchmark.diagnosisPrefixes.length === 0) {
      at(`${path}.diagnosisPrefixes`, 'must list at least one diagnosis code prefix');
    }
    const prefixes = new Set<string>();
    benchmark.diagnosisPrefixes.forEach((prefix, j) => {
      if (!DIAGNOSIS_PREFIX.test(prefix)) {
        at(`${path}.diagnosisPrefixes[${j}]`, 'must be an ICD-10-CM code prefix without the dot, e.g. D5721');
      } else if (prefixes.has(prefix)) {
        at(`${path}.diagnosisPrefixes[${j}]`, `duplicates ${prefix}`);
      }
      prefixes.add(prefix);
    });
    if (benchmark.tiers.length === 0) at(`${path}.tiers`, 'must have at least one tier');
    benchmark.tiers.forEach((tier, j) => {
      const tierPath = `${path}.tiers[${j}]`;
      if (!Number.isInteger(tier.throughMonth) || tier.throughMonth < 1) {
        at(`${tierPath}.throughMonth`, 'must be a whole number of months >= 1');
      } else {
        const previous = benchmark.tiers[j - 1];
        if (previous && tier.throughMonth <= previous.throughMonth) {
          at(`${tierPath}.throughMonth`, 'tiers must be in strictly ascending throughMonth order');
        }
      }
      pct(`${tierPath}.rebatePct`, tier.rebatePct);
    });
  });

  // Volume tiers.
  terms.volumeTiers.forEach((tier, i) => {
    const path = `volumeTiers[${i}]`;
    if (!Number.isInteger(tier.minTreatments) || tier.minTreatments < 1) {
      at(`${path}.minTreatments`, 'must be a whole number >= 1');
    } else {
      const previous = terms.volumeTiers[i - 1];
      if (previous && tier.minTreatments <= previous.minTreatments) {
        at(`${path}.minTreatments`, 'tiers must be in strictly ascending minTreatments order');
      }
    }
    pct(`${path}.additionalRebatePct`, tier.additionalRebatePct);
  });

  return out;
}
