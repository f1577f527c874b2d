import { Dec, type IsoDate } from '@lib/common';
import { resolveAgreement, windowMonths, type CatalogProduct, type ExecutedAgreement } from '@lib/reconciliation';
import { SimulationCalendar } from './calendar';
import { drawEventIndex, eventCdf, monthEvents, type MonthEvents } from './event-tables';
import { PatternPricer, ROW, tierOfEvent, volumeLevelOf } from './patient-pricing';
import { Prng, streamSeed, textHash } from './prng';
import { negativeBinomial, poisson } from './sampling';
import { ENGINE_VERSION, type ScopeResult, type SimulationResult, type YearResult } from './simulation-result';
import {
  rampAt,
  validateSimulationSpec,
  type SimulationSpec,
  type SpecViolation,
  type TreatedModel,
} from './simulation-input';
import { centsText, countStats, ExactSums, meanCentsText, moneyStats, ratioStats } from './statistics';

/** The spec broke a rule; every violation is listed with its path. */
export class InvalidSimulationSpec extends Error {
  constructor(readonly violations: SpecViolation[]) {
    super(violations.map((v) => `${v.path}: ${v.message}`).join('; '));
  }
}

export interface SimulateOptions {
  /** Called now and then with trials done (a job reports progress with it). */
  onProgress?: (done: number, total: number) => void;
}

/** Per-scope metrics kept per trial (the order of the series). */
const M = { patients: 0, gross: 1, guaranteed: 2, volume: 3, outcome: 4, rebates: 5, net: 6, capBound: 7 } as const;
const BASE_METRICS = 8;

const POOL_STREAM = 0x706f6f6c;
const SIMULATED_PRODUCT: CatalogProduct = {
  productId: 'simulated-product',
  code: 'SIMULATED',
  labelerCode: '00000',
  ndc11s: [],
  hcpcs: [],
  billingUnit: 'UN',
};

/**
 * Monte Carlo over a term sheet (issue: term-sheet simulator). Each trial draws each state's
 * treated patients per year (participation months only), their administration months and, per
 * benchmark, the first counting event from the state's monthly hazard; closes each contract year
 * on the patients of all states (and the volume pool) to find the volume tier (section 6); then
 * prices every patient with the ledger's own rules (PatternPricer -> episodeAmounts) and books
 * the money when the ledger would: GUARANTEED at administration, OUTCOME at the event (cut by
 * the cap as it stands then), VOLUME and the OUTCOME cuts it causes at the year close (assumed
 * in the first quarter after 31 December). Deterministic for a given spec and seed.
 */
export function simulateTermSheet(spec: SimulationSpec, options: SimulateOptions = {}): SimulationResult {
  const violations = validateSimulationSpec(spec);
  violations.push(...fixedPatientViolations(spec));
  if (violations.length > 0) throw new InvalidSimulationSpec(violations);
  const started = Date.now();
  return new Simulation(spec).run(options, started);
}

function fixedPatientViolations(spec: SimulationSpec): SpecViolation[] {
  const first = `${spec.startYear}-01-01`;
  const end = `${spec.startYear + spec.horizonYears}-01-01`;
  return (spec.fixedPatients ?? []).flatMap((p, i) =>
    p.administrationDate < first || p.administrationDate >= end
      ? [{ path: `fixedPatients[${i}].administrationDate`, message: `must fall in ${first} .. ${end} (exclusive)` }]
      : [],
  );
}

class Simulation {
  private readonly calendar: SimulationCalendar;
  private readonly pricer: PatternPricer;
  private readonly b: number;
  private readonly s: number;
  private readonly y: number;
  private readonly adminMonths: number;
  /** entry[s][a]: schedule entry index in force for state s in administration month a, -1 outside the terms. */
  private readonly entries: Int32Array[];
  /** eligible months of state s in simulated year y. */
  private readonly eligibleMonths: number[][][];
  private readonly events: MonthEvents[][]; // [a][b]
  private readonly cdfs: Float64Array[][][]; // [s][b][a]
  private readonly notes: string[] = [];
  private readonly volumeLevels = new Map<number, number>();

  constructor(private readonly spec: SimulationSpec) {
    const maxWindow = Math.max(0, ...spec.terms.benchmarks.map((bm) => windowMonths(bm)));
    this.calendar = new SimulationCalendar(spec.startYear, spec.horizonYears, maxWindow);
    this.pricer = new PatternPricer(spec.terms);
    this.b = this.pricer.benchmarks.length;
    this.s = spec.states.length;
    this.y = this.calendar.years;
    this.adminMonths = spec.horizonYears * 12;
    this.entries = spec.states.map((st) => this.entriesOf(st.stateCode, st.participationFrom));
    this.eligibleMonths = this.entries.map((entries) =>
      Array.from({ length: spec.horizonYears }, (_, y) =>
        Array.from({ length: 12 }, (_, m) => y * 12 + m).filter((a) => entries[a] >= 0),
      ),
    );
    this.events = Array.from({ length: this.adminMonths }, (_, a) =>
      this.pricer.benchmarks.map((bm) => monthEvents(this.calendar, this.calendar.administrationDate(a), bm)),
    );
    this.cdfs = spec.states.map((st) =>
      this.pricer.benchmarks.map((bm) => {
        const model = st.failure.find((f) => f.benchmarkCode === bm.code);
        return this.events.map((perBenchmark) =>
          eventCdf(perBenchmark[this.pricer.benchmarks.indexOf(bm)], model?.hazard ?? []),
        );
      }),
    );
    this.noteWashoutMonths();
  }

  /** rebate-rules section 4 `U` (the same resolveAgreement): the schedule entry per administration month. */
  private entriesOf(stateCode: string, participationFrom: IsoDate | null): Int32Array {
    const terms = this.spec.terms;
    const agreement: ExecutedAgreement = {
      agreementId: 'simulated-agreement',
      productId: SIMULATED_PRODUCT.productId,
      versions: [{ versionId: 'simulated-version', effectiveFrom: null, terms }],
      participations: [{ stateCode, effectiveFrom: participationFrom ?? terms.enrollmentStart, effectiveTo: null }],
    };
    const out = new Int32Array(this.spec.horizonYears * 12).fill(-1);
    for (let a = 0; a < out.length; a += 1) {
      out[a] = this.entryOn(agreement, stateCode, this.calendar.administrationDate(a));
    }
    return out;
  }

  private entryOn(agreement: ExecutedAgreement, stateCode: string, date: IsoDate): number {
    const resolution = resolveAgreement(SIMULATED_PRODUCT, stateCode, date, [agreement]);
    return resolution.found ? this.spec.terms.schedule.indexOf(resolution.match.entry) : -1;
  }

  private noteWashoutMonths(): void {
    this.pricer.benchmarks.forEach((bm, b) => {
      const never: number[] = [];
      for (let m = 0; m < windowMonths(bm); m += 1) {
        const someDay = this.events.some(
          (perBenchmark) => perBenchmark[b].dayStart[m + 1] > perBenchmark[b].dayStart[m],
        );
        const hazard = this.spec.states.some((st) =>
          (st.failure.find((f) => f.benchmarkCode === bm.code)?.hazard ?? []).some(
            (h, i, all) => h.monthlyProbability > 0 && h.fromMonth <= m && (all[i + 1]?.fromMonth ?? Infinity) > m,
          ),
        );
        if (!someDay && hazard) never.push(m);
      }
      if (never.length > 0) {
        this.notes.push(
          `${bm.code}: month ${never.join(', ')} since administration lies inside the ${bm.washoutDays}-day washout ` +
            `for every simulated administration (dated the 15th); its hazard is not used.`,
        );
      }
    });
  }

  private volumeLevel(n: number): number {
    let level = this.volumeLevels.get(n);
    if (level === undefined) {
      level = volumeLevelOf(this.spec.terms, n);
      this.volumeLevels.set(n, level);
    }
    return level;
  }

  run(options: SimulateOptions, started: number): SimulationResult {
    const { spec, b, s: S, y: Y } = this;
    const T = spec.fixedPatients ? 1 : spec.trials;
    const K = BASE_METRICS + b;
    const Q = Y * 4;
    // Per-trial series: scopes (0 = total, 1 + s = state) x metrics x trials.
    const series = new Float64Array((S + 1) * K * T);
    const yearGross = new Float64Array(Y * T);
    const yearRebates = new Float64Array(Y * T);
    const stateYearNet = new Float64Array(S * Y * T);
    const capTrials = new Float64Array(S + 1);
    // Exact sums for means: state-year patients, gross, rebates; year components; quarter timing; delays.
    const SY = S * Y;
    const meanLayout = { patients: 0, gross: SY, rebates: 2 * SY, yG: 3 * SY, yV: 3 * SY + Y, yO: 3 * SY + 2 * Y };
    const qBase = 3 * SY + 3 * Y;
    const dBase = qBase + 3 * Q;
    const sums = new ExactSums(dBase + 6);
    const perTrial = new Float64Array(dBase + 6);
    const poolSum = new ExactSums(1);
    const poolTrial = new Float64Array(1);

    // Patient buffers of one trial.
    let capacity = 1024;
    let pState = new Int32Array(capacity);
    let pMonth = new Int32Array(capacity);
    let pEntry = new Int32Array(capacity);
    let pTier = new Int32Array(capacity * Math.max(1, b));
    let pDay = new Int32Array(capacity * Math.max(1, b));
    const grow = () => {
      capacity *= 2;
      const copy = (a: Int32Array, size: number) => {
        const n = new Int32Array(size);
        n.set(a);
        return n;
      };
      pState = copy(pState, capacity);
      pMonth = copy(pMonth, capacity);
      pEntry = copy(pEntry, capacity);
      pTier = copy(pTier, capacity * Math.max(1, b));
      pDay = copy(pDay, capacity * Math.max(1, b));
    };

    const rng = new Prng(0);
    const eventRng = new Prng(0);
    const stateHash = spec.states.map((st) => textHash(st.stateCode));
    const codeHash = this.pricer.benchmarks.map((bm) => textHash(bm.code));
    const yearCount = new Int32Array(spec.horizonYears);
    const levels = new Int32Array(spec.horizonYears);
    const scope = new Float64Array((S + 1) * K);
    const sy = new Float64Array(SY * 2); // gross, rebates per (state, booking year)
    const rowOf = this.pricer;
    const progressEvery = Math.max(1, Math.floor(T / 20));

    for (let t = 0; t < T; t += 1) {
      let n = 0;
      yearCount.fill(0);
      // 1. Patients and their events.
      if (spec.fixedPatients) {
        for (const fp of spec.fixedPatients) {
          if (n === capacity) grow();
          const st = spec.states.findIndex((x) => x.stateCode === fp.stateCode);
          const entry = this.entryOn(
            {
              agreementId: 'simulated-agreement',
              productId: SIMULATED_PRODUCT.productId,
              versions: [{ versionId: 'simulated-version', effectiveFrom: null, terms: spec.terms }],
              participations: [
                {
                  stateCode: fp.stateCode,
                  effectiveFrom: spec.states[st].participationFrom ?? spec.terms.enrollmentStart,
                  effectiveTo: null,
                },
              ],
            },
            fp.stateCode,
            fp.administrationDate,
          );
          if (entry < 0) continue;
          pState[n] = st;
          pMonth[n] = this.calendar.monthOfDate(fp.administrationDate);
          pEntry[n] = entry;
          this.pricer.benchmarks.forEach((bm, j) => {
            // The first counting event by date decides (section 5), as with claims.
            const counted = fp.events
              .filter((e) => e.benchmarkCode === bm.code)
              .map((e) => ({ e, tier: tierOfEvent(bm, fp.administrationDate, e.eventDate) }))
              .filter((x) => x.tier > 0)
              .sort((x, z) => (x.e.eventDate < z.e.eventDate ? -1 : x.e.eventDate > z.e.eventDate ? 1 : 0))[0];
            pTier[n * b + j] = counted ? counted.tier : 0;
            pDay[n * b + j] = counted ? this.calendar.dayOf(counted.e.eventDate) : -1;
          });
          yearCount[Math.floor(pMonth[n] / 12)] += 1;
          n += 1;
        }
      } else {
        for (let st = 0; st < S; st += 1) {
          const first = n;
          const assumptions = spec.states[st];
          rng.reseed(streamSeed(spec.seed, t, stateHash[st]));
          for (let yr = 0; yr < spec.horizonYears; yr += 1) {
            const months = this.eligibleMonths[st][yr];
            if (months.length === 0) continue;
            const count = drawCount(rng, assumptions.treated, rampAt(assumptions.uptakeRamp, yr), months.length / 12);
            for (let i = 0; i < count; i += 1) {
              if (n === capacity) grow();
              const a = months[Math.floor(rng.next() * months.length)];
              pState[n] = st;
              pMonth[n] = a;
              pEntry[n] = this.entries[st][a];
              n += 1;
            }
            yearCount[yr] += count;
          }
          for (let j = 0; j < b; j += 1) {
            eventRng.reseed(streamSeed(spec.seed, t, stateHash[st], codeHash[j]));
            const cdfs = this.cdfs[st][j];
            for (let i = first; i < n; i += 1) {
              const a = pMonth[i];
              const ev = this.events[a][j];
              const at = drawEventIndex(ev, cdfs[a], eventRng.next());
              pDay[i * b + j] = at < 0 ? -1 : ev.days[at];
              pTier[i * b + j] = at < 0 ? 0 : ev.dayTier[at];
            }
          }
        }
      }
      poolTrial[0] = 0;
      if (spec.volumePool && !spec.fixedPatients) {
        rng.reseed(streamSeed(spec.seed, t, POOL_STREAM));
        for (let yr = 0; yr < spec.horizonYears; yr += 1) {
          const count = drawCount(rng, spec.volumePool.treated, rampAt(spec.volumePool.uptakeRamp, yr), 1);
          yearCount[yr] += count;
          poolTrial[0] += count;
        }
      }
      poolSum.addAll(poolTrial);
      // 2. Year closes (section 6): the pooled count of eligible episodes decides each year's tier.
      for (let yr = 0; yr < spec.horizonYears; yr += 1) levels[yr] = this.volumeLevel(yearCount[yr]);

      // 3. Money.
      scope.fill(0);
      sy.fill(0);
      perTrial.fill(0);
      let table = rowOf.table();
      for (let i = 0; i < n; i += 1) {
        const st = pState[i];
        const a = pMonth[i];
        const ya = Math.floor(a / 12);
        const key = b === 1 ? pTier[i] : rowOf.patternKey(pTier, pDay, i * b);
        let at = rowOf.find(pEntry[i], levels[ya], key);
        if (at < 0) {
          const dates = Array.from({ length: b }, (_, j) =>
            pDay[i * b + j] < 0 ? null : this.calendar.dateOfDay(pDay[i * b + j]),
          );
          at = rowOf.add(pEntry[i], levels[ya], key, pTier, dates, i * b);
          table = rowOf.table();
        }
        const gross = rowOf.wacCents[pEntry[i]];
        const g = table[at + ROW.guaranteed];
        const v = table[at + ROW.volume];
        const bound = table[at + ROW.capBinds];
        const closeMonth = (ya + 1) * 12;
        const closeQuarter = (ya + 1) * 4;
        let outcomeTotal = 0;
        const rebatesAtAdmin = g;
        let rebatesAtClose = v;
        perTrial[meanLayout.yG + ya] += g;
        perTrial[qBase + Math.floor(a / 3) * 3] += g;
        perTrial[qBase + closeQuarter * 3 + 1] += v;
        perTrial[meanLayout.yV + ya + 1] += v;
        perTrial[dBase + 1] += v * (closeMonth - a);
        perTrial[dBase + 3] += v;
        perTrial[dBase + 5] += g;
        for (let j = 0; j < b; j += 1) {
          const finalAmount = table[at + ROW.outcomes + j];
          if (pTier[i * b + j] === 0) continue;
          const day = pDay[i * b + j];
          const me = this.calendar.monthOfDay(day);
          const ye = Math.floor(me / 12);
          const qe = Math.floor(me / 3);
          outcomeTotal += finalAmount;
          scope[(1 + st) * K + BASE_METRICS + j] += finalAmount;
          if (me < closeMonth) {
            // Booked at the event with the cap as it stands before the close; the close cuts it.
            const early = table[at + ROW.outcomes + b + j];
            sy[SY + st * Y + ye] += early;
            perTrial[meanLayout.yO + ye] += early;
            perTrial[qBase + qe * 3 + 2] += early;
            perTrial[dBase + 2] += early * (me - a);
            rebatesAtClose += finalAmount - early;
            perTrial[meanLayout.yO + ya + 1] += finalAmount - early;
            perTrial[qBase + closeQuarter * 3 + 2] += finalAmount - early;
            perTrial[dBase + 2] += (finalAmount - early) * (closeMonth - a);
          } else {
            sy[SY + st * Y + ye] += finalAmount;
            perTrial[meanLayout.yO + ye] += finalAmount;
            perTrial[qBase + qe * 3 + 2] += finalAmount;
            perTrial[dBase + 2] += finalAmount * (me - a);
          }
          perTrial[dBase + 4] += finalAmount;
        }
        sy[st * Y + ya] += gross;
        sy[SY + st * Y + ya] += rebatesAtAdmin;
        sy[SY + st * Y + ya + 1] += rebatesAtClose;
        perTrial[meanLayout.patients + st * Y + ya] += 1;
        const base = (1 + st) * K;
        scope[base + M.patients] += 1;
        scope[base + M.gross] += gross;
        scope[base + M.guaranteed] += g;
        scope[base + M.volume] += v;
        scope[base + M.outcome] += outcomeTotal;
        scope[base + M.capBound] += bound;
      }
      // Totals, rebates and net per scope; write the trial's series.
      for (let st = 0; st < S; st += 1) {
        const base = (1 + st) * K;
        scope[base + M.rebates] = scope[base + M.guaranteed] + scope[base + M.volume] + scope[base + M.outcome];
        scope[base + M.net] = scope[base + M.gross] - scope[base + M.rebates];
        for (let k = 0; k < K; k += 1) scope[k] += scope[base + k];
        if (scope[base + M.capBound] > 0) capTrials[1 + st] += 1;
      }
      if (scope[M.capBound] > 0) capTrials[0] += 1;
      for (let k = 0; k < (S + 1) * K; k += 1) series[k * T + t] = scope[k];
      for (let st = 0; st < S; st += 1) {
        for (let yr = 0; yr < Y; yr += 1) {
          const gross = sy[st * Y + yr];
          const rebates = sy[SY + st * Y + yr];
          perTrial[meanLayout.gross + st * Y + yr] = gross;
          perTrial[meanLayout.rebates + st * Y + yr] = rebates;
          stateYearNet[(st * Y + yr) * T + t] = gross - rebates;
          yearGross[yr * T + t] += gross;
          yearRebates[yr * T + t] += rebates;
        }
      }
      sums.addAll(perTrial);
      if (options.onProgress && (t + 1) % progressEvery === 0) options.onProgress(t + 1, T);
    }

    return this.summarise({
      T,
      K,
      Q,
      series,
      yearGross,
      yearRebates,
      stateYearNet,
      capTrials,
      sums,
      meanLayout,
      qBase,
      dBase,
      poolSum,
      started,
    });
  }

  private summarise(r: {
    T: number;
    K: number;
    Q: number;
    series: Float64Array;
    yearGross: Float64Array;
    yearRebates: Float64Array;
    stateYearNet: Float64Array;
    capTrials: Float64Array;
    sums: ExactSums;
    meanLayout: { patients: number; gross: number; rebates: number; yG: number; yV: number; yO: number };
    qBase: number;
    dBase: number;
    poolSum: ExactSums;
    started: number;
  }): SimulationResult {
    const { spec, s: S, y: Y } = this;
    const { T, K } = r;
    const seriesOf = (scopeIndex: number, metric: number) =>
      r.series.subarray((scopeIndex * K + metric) * T, (scopeIndex * K + metric + 1) * T);
    const scopeResult = (scopeIndex: number, stateCode: string | null): ScopeResult => {
      const patients = seriesOf(scopeIndex, M.patients);
      const patientTotal = patients.reduce((x, v) => x + v, 0);
      const bound = seriesOf(scopeIndex, M.capBound).reduce((x, v) => x + v, 0);
      return {
        stateCode,
        treatedPatients: countStats(patients),
        gross: moneyStats(seriesOf(scopeIndex, M.gross)),
        guaranteed: moneyStats(seriesOf(scopeIndex, M.guaranteed)),
        volume: moneyStats(seriesOf(scopeIndex, M.volume)),
        outcome: moneyStats(seriesOf(scopeIndex, M.outcome)),
        outcomeByBenchmark: this.pricer.benchmarks.map((bm, j) => ({
          benchmarkCode: bm.code,
          amount: moneyStats(seriesOf(scopeIndex, BASE_METRICS + j)),
        })),
        rebates: moneyStats(seriesOf(scopeIndex, M.rebates)),
        net: moneyStats(seriesOf(scopeIndex, M.net)),
        netPricePerPatient: ratioStats(seriesOf(scopeIndex, M.net), patients),
        capBindsPatientShare: patientTotal === 0 ? 0 : round6(bound / patientTotal),
        capBindsTrialProbability: round6(r.capTrials[scopeIndex] / T),
      };
    };
    const years = Array.from({ length: Y }, (_, i) => spec.startYear + i);
    const mean = (i: number) => meanCentsText(r.sums.sum(i), T);
    const yearly: YearResult[] = [];
    for (let yr = 0; yr < Y; yr += 1) {
      let patients = 0n;
      for (let st = 0; st < S; st += 1) patients += r.sums.sum(r.meanLayout.patients + st * Y + yr);
      const net = new Float64Array(T);
      for (let t = 0; t < T; t += 1) net[t] = r.yearGross[yr * T + t] - r.yearRebates[yr * T + t];
      const yg = r.yearGross.subarray(yr * T, (yr + 1) * T);
      const yrb = r.yearRebates.subarray(yr * T, (yr + 1) * T);
      yearly.push({
        year: years[yr],
        stateCode: null,
        treatedPatientsMean: new Dec(patients.toString()).div(T).toDecimalPlaces(2).toFixed(),
        grossMean: moneyStats(yg).mean,
        rebatesMean: moneyStats(yrb).mean,
        guaranteedMean: mean(r.meanLayout.yG + yr),
        volumeMean: mean(r.meanLayout.yV + yr),
        outcomeMean: mean(r.meanLayout.yO + yr),
        net: moneyStats(net),
      });
    }
    spec.states.forEach((st, si) => {
      for (let yr = 0; yr < Y; yr += 1) {
        yearly.push({
          year: years[yr],
          stateCode: st.stateCode,
          treatedPatientsMean: new Dec(r.sums.sum(r.meanLayout.patients + si * Y + yr).toString())
            .div(T)
            .toDecimalPlaces(2)
            .toFixed(),
          grossMean: mean(r.meanLayout.gross + si * Y + yr),
          rebatesMean: mean(r.meanLayout.rebates + si * Y + yr),
          guaranteedMean: null,
          volumeMean: null,
          outcomeMean: null,
          net: moneyStats(r.stateYearNet.subarray((si * Y + yr) * T, (si * Y + yr + 1) * T)),
        });
      }
    });
    const quarters = Array.from({ length: r.Q }, (_, q) => ({
      quarter: this.calendar.quarterLabel(q),
      guaranteed: mean(r.qBase + q * 3),
      volume: mean(r.qBase + q * 3 + 1),
      outcome: mean(r.qBase + q * 3 + 2),
    })).filter((q) => q.guaranteed !== '0.00' || q.volume !== '0.00' || q.outcome !== '0.00');
    const delay = (weighted: bigint, amount: bigint): number | null =>
      amount === 0n ? null : Number(new Dec(weighted.toString()).div(amount.toString()).toDecimalPlaces(2));
    const d = (i: number) => r.sums.sum(r.dBase + i);
    return {
      engineVersion: ENGINE_VERSION,
      trials: T,
      seed: spec.seed,
      startYear: spec.startYear,
      horizonYears: spec.horizonYears,
      years,
      total: scopeResult(0, null),
      states: spec.states.map((st, si) => scopeResult(1 + si, st.stateCode)),
      yearly,
      timing: {
        quarters,
        meanMonthsToRebate: {
          guaranteed: d(5) === 0n ? null : 0,
          volume: delay(d(1), d(3)),
          outcome: delay(d(2), d(4)),
          all: delay(d(0) + d(1) + d(2), d(3) + d(4) + d(5)),
        },
      },
      volumePoolPatientsMean: spec.volumePool
        ? new Dec(r.poolSum.sum(0).toString()).div(T).toDecimalPlaces(2).toFixed()
        : null,
      notes: this.notes,
      elapsedMs: Date.now() - r.started,
    };
  }
}

function drawCount(rng: Prng, model: TreatedModel, ramp: number, share: number): number {
  const mean = model.perYear * ramp * share;
  switch (model.distribution) {
    case 'FIXED':
      return Math.floor(mean + 0.5);
    case 'POISSON':
      return poisson(rng, mean);
    case 'NEGATIVE_BINOMIAL':
      return negativeBinomial(rng, mean, model.dispersion ?? 1);
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export { centsText };
