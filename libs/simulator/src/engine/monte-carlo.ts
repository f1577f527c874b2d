import { Dec, type IsoDate } from '@lib/common';
import { resolveAgreement, windowMonths, type CatalogProduct, type ExecutedAgreement } from '@lib/reconciliation';
import { SimulationCalendar } from './calendar';
import { eventCdf, EventSampler, monthEvents, type MonthEvents } from './event-tables';
import { PatternPricer, ROW, tierOfEvent, volumeLevelOf } from './patient-pricing';
import { Prng, streamSeed, textHash } from './prng';
import { negativeBinomial, PoissonTable } from './sampling';
import { ENGINE_VERSION, type ScopeResult, type SimulationResult, type YearResult } from './simulation-result';
import {
  rampAt,
  validateSimulationSpec,
  type FixedPatient,
  type SimulationSpec,
  type SpecViolation,
  type TreatedModel,
} from './simulation-input';
import { centsText, countStats, exactSum, ExactSums, meanCentsText, moneyStats, ratioStats } from './statistics';

/** Math's functions bound once, as in prng.ts: hot loops then never look up the global. */
const { floor, max, round } = Math;

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

/** Per-scope metrics of one trial (outcome per benchmark from BASE_METRICS on). */
const M = { patients: 0, gross: 1, guaranteed: 2, volume: 3, outcome: 4, rebates: 5, net: 6, capBound: 7 } as const;
const BASE_METRICS = 8;
/**
 * The metrics stored per state and trial (outcome per benchmark from STORED_BASE on); the rest
 * follow from them exactly (whole cents): outcome, rebates and net per trial, the total as the
 * sum over states. Fewer stored series: less memory to fill for a run.
 */
const STORED = [M.patients, M.gross, M.guaranteed, M.volume] as const;
const STORED_BASE = STORED.length;

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
 * Monte Carlo over a term sheet (README "Term-sheet simulator"). Each trial draws each state's
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
  /** The count draw of state s in simulated year y (null: no eligible month that year). */
  private readonly counts: (CountDraw | null)[][];
  private readonly poolCounts: CountDraw[];
  private readonly events: MonthEvents[][]; // [a][b]
  /** The first-event draw per [s][b][a]; states with the same hazard share them. */
  private readonly samplers: EventSampler[][][];
  private readonly notes: string[] = [];
  private readonly volumeLevels = new Map<number, number>();

  constructor(private readonly spec: SimulationSpec) {
    const maxWindow = max(0, ...spec.terms.benchmarks.map((bm) => windowMonths(bm)));
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
    this.counts = spec.states.map((st, s) =>
      this.eligibleMonths[s].map((months, y) =>
        months.length === 0 ? null : new CountDraw(st.treated, rampAt(st.uptakeRamp, y), months.length / 12),
      ),
    );
    const pool = spec.volumePool;
    this.poolCounts = pool
      ? Array.from({ length: spec.horizonYears }, (_, y) => new CountDraw(pool.treated, rampAt(pool.uptakeRamp, y), 1))
      : [];
    this.events = Array.from({ length: this.adminMonths }, (_, a) =>
      this.pricer.benchmarks.map((bm) => monthEvents(this.calendar, this.calendar.administrationDate(a), bm)),
    );
    const shared = new Map<string, EventSampler[]>();
    this.samplers = spec.states.map((st) =>
      this.pricer.benchmarks.map((bm, j) => {
        const hazard = st.failure.find((f) => f.benchmarkCode === bm.code)?.hazard ?? [];
        const key = `${j} ${JSON.stringify(hazard)}`;
        let byMonth = shared.get(key);
        if (byMonth === undefined) {
          byMonth = this.events.map(
            (perBenchmark) => new EventSampler(perBenchmark[j], eventCdf(perBenchmark[j], hazard)),
          );
          shared.set(key, byMonth);
        }
        return byMonth;
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

  /** Writes the fixed patients (one scenario) into the buffers; answers their number. */
  private placeFixedPatients(
    fixedPatients: FixedPatient[],
    pState: Int32Array,
    pMonth: Int32Array,
    pEntry: Int32Array,
    pTier: Int32Array,
    pDay: Int32Array,
    yearCount: Int32Array,
  ): number {
    const { spec, b, calendar } = this;
    let n = 0;
    for (const fp of fixedPatients) {
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
      pMonth[n] = calendar.monthOfDate(fp.administrationDate);
      pEntry[n] = entry;
      this.pricer.benchmarks.forEach((bm, j) => {
        // The first counting event by date decides (section 5), as with claims.
        const counted = fp.events
          .filter((e) => e.benchmarkCode === bm.code)
          .map((e) => ({ e, tier: tierOfEvent(bm, fp.administrationDate, e.eventDate) }))
          .filter((x) => x.tier > 0)
          .sort((x, z) => (x.e.eventDate < z.e.eventDate ? -1 : x.e.eventDate > z.e.eventDate ? 1 : 0))[0];
        pTier[n * b + j] = counted ? counted.tier : 0;
        pDay[n * b + j] = counted ? calendar.dayOf(counted.e.eventDate) : -1;
      });
      yearCount[floor(pMonth[n] / 12)] += 1;
      n += 1;
    }
    return n;
  }

  /** Prices a patient pattern on its first sight, from this patient's real event dates. */
  private priceFirst(
    entry: number,
    volumeLevel: number,
    key: number,
    pTier: Int32Array,
    pDay: Int32Array,
    offset: number,
  ): number {
    const dates = Array.from({ length: this.b }, (_, j) =>
      pDay[offset + j] < 0 ? null : this.calendar.dateOfDay(pDay[offset + j]),
    );
    return this.pricer.add(entry, volumeLevel, key, pTier, dates, offset);
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
    const SK = (S + 1) * K;
    const P = STORED_BASE + b;
    const SP = S * P;
    const SY = S * Y;
    // Per-trial series in one buffer: states x stored metrics x trials, then the net per state and
    // year, gross and rebates per year (every value is written before it is read).
    const buffer = takeSeriesBuffer((SP + SY + 2 * Y) * T);
    const series = buffer.subarray(0, SP * T);
    // Patients whose rebates the cap cut, per scope (0 = total, 1 + s = state), over all trials.
    const boundSums = new Float64Array(S + 1);
    const stateYearNet = buffer.subarray(SP * T, (SP + SY) * T);
    const yearGross = buffer.subarray((SP + SY) * T, (SP + SY + Y) * T);
    const yearRebates = buffer.subarray((SP + SY + Y) * T, (SP + SY + 2 * Y) * T);
    const capTrials = new Float64Array(S + 1);
    // Exact sums for means: state-year patients, gross, rebates; year components; quarter timing; delays.
    const meanLayout = { patients: 0, gross: SY, rebates: 2 * SY, yG: 3 * SY, yV: 3 * SY + Y, yO: 3 * SY + 2 * Y };
    const qBase = 3 * SY + 3 * Y;
    const dBase = qBase + 3 * Q;
    const sums = new ExactSums(dBase + 6);
    const perTrial = new Float64Array(dBase + 6);
    const poolSum = new ExactSums(1);
    const poolTrial = new Float64Array(1);
    // The series are trial-minor; a block of trials is staged trial-major and written out
    // together (writeBlock), so each write-out fills whole cache lines instead of one value per line.
    const stageScope = new Float64Array(BLOCK * SP);
    const stageNet = new Float64Array(BLOCK * SY);
    const stageGross = new Float64Array(BLOCK * Y);
    const stageRebates = new Float64Array(BLOCK * Y);

    // Patient buffers of one trial. The hot loops below create no closures: a closure over a
    // loop's variables makes every iteration allocate.
    let capacity = max(1024, spec.fixedPatients?.length ?? 0);
    let pState = new Int32Array(capacity);
    let pMonth = new Int32Array(capacity);
    let pEntry = new Int32Array(capacity);
    let pTier = new Int32Array(capacity * max(1, b));
    let pDay = new Int32Array(capacity * max(1, b));

    const rng = new Prng(0);
    const eventRng = new Prng(0);
    const stateHash = spec.states.map((st) => textHash(st.stateCode));
    const codeHash = this.pricer.benchmarks.map((bm) => textHash(bm.code));
    const yearCount = new Int32Array(spec.horizonYears);
    const levels = new Int32Array(spec.horizonYears);
    const scope = new Float64Array(SK);
    const sy = new Float64Array(SY * 2); // gross, rebates per (state, booking year)
    const rowOf = this.pricer;
    const wacCents = rowOf.wacCents;
    const calendar = this.calendar;
    const samplers = this.samplers;
    const entries = this.entries;
    const eligibleMonths = this.eligibleMonths;
    const counts = this.counts;
    const { yG, yV, yO } = meanLayout;
    const outcomeAt = ROW.outcomes;
    const earlyAt = ROW.outcomes + b;
    const progressEvery = max(1, floor(T / 20));

    for (let t = 0; t < T; t += 1) {
      let n = 0;
      yearCount.fill(0);
      // 1. Patients and their events.
      if (spec.fixedPatients) {
        n = this.placeFixedPatients(spec.fixedPatients, pState, pMonth, pEntry, pTier, pDay, yearCount);
      } else {
        for (let st = 0; st < S; st += 1) {
          const first = n;
          const stateEntries = entries[st];
          rng.reseed(streamSeed(spec.seed, t, stateHash[st]));
          for (let yr = 0; yr < spec.horizonYears; yr += 1) {
            const months = eligibleMonths[st][yr];
            if (months.length === 0) continue;
            const count = (counts[st][yr] as CountDraw).draw(rng);
            if (n + count > capacity) {
              while (n + count > capacity) capacity *= 2;
              pState = grown(pState, capacity);
              pMonth = grown(pMonth, capacity);
              pEntry = grown(pEntry, capacity);
              pTier = grown(pTier, capacity * max(1, b));
              pDay = grown(pDay, capacity * max(1, b));
            }
            for (let i = 0; i < count; i += 1) {
              const a = months[floor(rng.next() * months.length)];
              pState[n] = st;
              pMonth[n] = a;
              pEntry[n] = stateEntries[a];
              n += 1;
            }
            yearCount[yr] += count;
          }
          for (let j = 0; j < b; j += 1) {
            eventRng.reseed(streamSeed(spec.seed, t, stateHash[st], codeHash[j]));
            const byMonth = samplers[st][j];
            for (let i = first; i < n; i += 1) {
              const sampler = byMonth[pMonth[i]];
              const at = sampler.draw(eventRng.next());
              if (at < 0) {
                pDay[i * b + j] = -1;
                pTier[i * b + j] = 0;
              } else {
                pDay[i * b + j] = sampler.days[at];
                pTier[i * b + j] = sampler.dayTier[at];
              }
            }
          }
        }
      }
      poolTrial[0] = 0;
      if (spec.volumePool && !spec.fixedPatients) {
        rng.reseed(streamSeed(spec.seed, t, POOL_STREAM));
        for (let yr = 0; yr < spec.horizonYears; yr += 1) {
          const count = this.poolCounts[yr].draw(rng);
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
        const entry = pEntry[i];
        const ya = (a / 12) | 0; // a and me are whole, non-negative months
        const key = b === 1 ? pTier[i] : rowOf.patternKey(pTier, pDay, i * b);
        let at = rowOf.find(entry, levels[ya], key);
        if (at < 0) {
          at = this.priceFirst(entry, levels[ya], key, pTier, pDay, i * b);
          table = rowOf.table();
        }
        const gross = wacCents[entry];
        const g = table[at + ROW.guaranteed];
        const v = table[at + ROW.volume];
        const bound = table[at + ROW.capBinds];
        const closeMonth = (ya + 1) * 12;
        const closeQuarter = (ya + 1) * 4;
        const stY = st * Y;
        let outcomeTotal = 0;
        let rebatesAtClose = v;
        perTrial[yG + ya] += g;
        perTrial[qBase + ((a / 3) | 0) * 3] += g;
        perTrial[qBase + closeQuarter * 3 + 1] += v;
        perTrial[yV + ya + 1] += v;
        perTrial[dBase + 1] += v * (closeMonth - a);
        for (let j = 0; j < b; j += 1) {
          if (pTier[i * b + j] === 0) continue;
          const finalAmount = table[at + outcomeAt + j];
          const me = calendar.monthOfDay(pDay[i * b + j]);
          const ye = (me / 12) | 0;
          const qe = (me / 3) | 0;
          outcomeTotal += finalAmount;
          scope[(1 + st) * K + BASE_METRICS + j] += finalAmount;
          if (me < closeMonth) {
            // Booked at the event with the cap as it stands before the close; the close cuts it.
            const early = table[at + earlyAt + j];
            sy[SY + stY + ye] += early;
            perTrial[yO + ye] += early;
            perTrial[qBase + qe * 3 + 2] += early;
            perTrial[dBase + 2] += early * (me - a);
            rebatesAtClose += finalAmount - early;
            perTrial[yO + ya + 1] += finalAmount - early;
            perTrial[qBase + closeQuarter * 3 + 2] += finalAmount - early;
            perTrial[dBase + 2] += (finalAmount - early) * (closeMonth - a);
          } else {
            sy[SY + stY + ye] += finalAmount;
            perTrial[yO + ye] += finalAmount;
            perTrial[qBase + qe * 3 + 2] += finalAmount;
            perTrial[dBase + 2] += finalAmount * (me - a);
          }
        }
        sy[stY + ya] += gross;
        sy[SY + stY + ya] += g;
        sy[SY + stY + ya + 1] += rebatesAtClose;
        perTrial[stY + ya] += 1; // meanLayout.patients is 0
        const base = (1 + st) * K;
        scope[base + M.guaranteed] += g;
        scope[base + M.volume] += v;
        scope[base + M.outcome] += outcomeTotal;
        scope[base + M.capBound] += bound;
      }
      // Totals, rebates and net per scope; stage the trial's series. A state's patients and gross
      // are the sums of its years; the money per component over all states (the weights of the
      // mean delays) the total scope's.
      for (let st = 0; st < S; st += 1) {
        const base = (1 + st) * K;
        let patients = 0;
        let gross = 0;
        for (let yr = 0; yr < Y; yr += 1) {
          patients += perTrial[meanLayout.patients + st * Y + yr];
          gross += sy[st * Y + yr];
        }
        scope[base + M.patients] = patients;
        scope[base + M.gross] = gross;
        scope[base + M.rebates] = scope[base + M.guaranteed] + scope[base + M.volume] + scope[base + M.outcome];
        scope[base + M.net] = scope[base + M.gross] - scope[base + M.rebates];
        for (let k = 0; k < K; k += 1) scope[k] += scope[base + k];
        if (scope[base + M.capBound] > 0) capTrials[1 + st] += 1;
      }
      if (scope[M.capBound] > 0) capTrials[0] += 1;
      perTrial[dBase + 3] = scope[M.volume];
      perTrial[dBase + 4] = scope[M.outcome];
      perTrial[dBase + 5] = scope[M.guaranteed];
      const row = t % BLOCK;
      for (let st = 0; st < S; st += 1) {
        const base = (1 + st) * K;
        const out = row * SP + st * P;
        for (let k = 0; k < STORED_BASE; k += 1) stageScope[out + k] = scope[base + STORED[k]];
        for (let j = 0; j < b; j += 1) stageScope[out + STORED_BASE + j] = scope[base + BASE_METRICS + j];
      }
      for (let k = 0; k <= S; k += 1) boundSums[k] += scope[k * K + M.capBound];
      const yearOut = row * Y;
      for (let yr = 0; yr < Y; yr += 1) {
        stageGross[yearOut + yr] = 0;
        stageRebates[yearOut + yr] = 0;
      }
      for (let st = 0; st < S; st += 1) {
        for (let yr = 0; yr < Y; yr += 1) {
          const gross = sy[st * Y + yr];
          const rebates = sy[SY + st * Y + yr];
          perTrial[meanLayout.gross + st * Y + yr] = gross;
          perTrial[meanLayout.rebates + st * Y + yr] = rebates;
          stageNet[row * SY + st * Y + yr] = gross - rebates;
          stageGross[yearOut + yr] += gross;
          stageRebates[yearOut + yr] += rebates;
        }
      }
      if (row === BLOCK - 1 || t === T - 1) {
        writeBlock(stageScope, series, SP, T, t - row, row + 1);
        writeBlock(stageNet, stateYearNet, SY, T, t - row, row + 1);
        writeBlock(stageGross, yearGross, Y, T, t - row, row + 1);
        writeBlock(stageRebates, yearRebates, Y, T, t - row, row + 1);
      }
      sums.addAll(perTrial);
      if (options.onProgress && (t + 1) % progressEvery === 0) options.onProgress(t + 1, T);
    }

    const result = this.summarise({
      T,
      K,
      Q,
      series,
      boundSums,
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
    releaseSeriesBuffer(buffer);
    return result;
  }

  private summarise(r: {
    T: number;
    K: number;
    Q: number;
    series: Float64Array;
    boundSums: Float64Array;
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
    const { spec, b, s: S, y: Y } = this;
    const { T } = r;
    const P = STORED_BASE + b;
    const stored = (st: number, k: number) => r.series.subarray((st * P + k) * T, (st * P + k + 1) * T);
    // Per-trial series of the total and the derived metrics, computed into these (whole cents, exact).
    const totals = Array.from({ length: P }, () => new Float64Array(T));
    const [outcome, rebates, net] = [0, 1, 2].map(() => new Float64Array(T));
    const scopeResult = (scopeIndex: number, stateCode: string | null): ScopeResult => {
      let metric: (k: number) => Float64Array;
      if (scopeIndex === 0) {
        for (let k = 0; k < P; k += 1) {
          const total = totals[k].fill(0);
          for (let st = 0; st < S; st += 1) {
            const values = stored(st, k);
            for (let t = 0; t < T; t += 1) total[t] += values[t];
          }
        }
        metric = (k) => totals[k];
      } else {
        metric = (k) => stored(scopeIndex - 1, k);
      }
      const patients = metric(0);
      const [gross, guaranteed, volume] = [metric(1), metric(2), metric(3)];
      const outcomes = this.pricer.benchmarks.map((_, j) => metric(STORED_BASE + j));
      outcome.fill(0);
      for (const values of outcomes) for (let t = 0; t < T; t += 1) outcome[t] += values[t];
      for (let t = 0; t < T; t += 1) {
        rebates[t] = guaranteed[t] + volume[t] + outcome[t];
        net[t] = gross[t] - rebates[t];
      }
      const patientTotal = patients.reduce((x, v) => x + v, 0);
      const bound = r.boundSums[scopeIndex];
      return {
        stateCode,
        treatedPatients: countStats(patients),
        gross: moneyStats(gross),
        guaranteed: moneyStats(guaranteed),
        volume: moneyStats(volume),
        outcome: moneyStats(outcome),
        outcomeByBenchmark: this.pricer.benchmarks.map((bm, j) => ({
          benchmarkCode: bm.code,
          amount: moneyStats(outcomes[j]),
        })),
        rebates: moneyStats(rebates),
        net: moneyStats(net),
        netPricePerPatient: ratioStats(net, patients),
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
      for (let t = 0; t < T; t += 1) net[t] = r.yearGross[yr * T + t] - r.yearRebates[yr * T + t];
      const yg = r.yearGross.subarray(yr * T, (yr + 1) * T);
      const yrb = r.yearRebates.subarray(yr * T, (yr + 1) * T);
      yearly.push({
        year: years[yr],
        stateCode: null,
        treatedPatientsMean: new Dec(patients.toString()).div(T).toDecimalPlaces(2).toFixed(),
        grossMean: meanCentsText(exactSum(yg), T),
        rebatesMean: meanCentsText(exactSum(yrb), T),
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

/** Trials staged before their per-trial values are written to the series. */
const BLOCK = 64;

/** Writes `count` staged trials (rows of `width` values) into trial-minor series from trial `first`. */
function writeBlock(stage: Float64Array, out: Float64Array, width: number, T: number, first: number, count: number) {
  for (let k = 0; k < width; k += 1) {
    const at = k * T + first;
    for (let r = 0; r < count; r += 1) out[at + r] = stage[r * width + k];
  }
}

function grown(values: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(size);
  larger.set(values);
  return larger;
}

/**
 * The series buffer of the last run, kept for the next one: on a virtual machine the first touch
 * of tens of fresh megabytes (page faults) can cost a good part of a run, and a worker runs
 * simulation after simulation (a comparison runs several in a row). Kept only up to
 * SPARE_SERIES_MAX values; a run that finds it taken (a run inside a progress callback)
 * allocates its own.
 */
const SPARE_SERIES_MAX = 8 * 1024 * 1024;
let spareSeries: Float64Array | null = null;

function takeSeriesBuffer(size: number): Float64Array {
  const spare = spareSeries;
  if (spare === null || spare.length < size) return new Float64Array(size);
  spareSeries = null;
  return spare.subarray(0, size).fill(0);
}

function releaseSeriesBuffer(buffer: Float64Array): void {
  const whole = new Float64Array(buffer.buffer);
  if (whole.length <= SPARE_SERIES_MAX && (spareSeries === null || spareSeries.length < whole.length)) {
    spareSeries = whole;
  }
}

/** Draws one year's count of treated patients (the year's mean is fixed for the whole run). */
class CountDraw {
  private readonly mean: number;
  private readonly table: PoissonTable | null;

  constructor(
    private readonly model: TreatedModel,
    ramp: number,
    share: number,
  ) {
    this.mean = model.perYear * ramp * share;
    this.table = model.distribution === 'POISSON' ? new PoissonTable(this.mean) : null;
  }

  draw(rng: Prng): number {
    switch (this.model.distribution) {
      case 'FIXED':
        return floor(this.mean + 0.5);
      case 'POISSON':
        return (this.table as PoissonTable).draw(rng);
      case 'NEGATIVE_BINOMIAL':
        return negativeBinomial(rng, this.mean, this.model.dispersion ?? 1);
    }
  }
}

function round6(x: number): number {
  return round(x * 1e6) / 1e6;
}

export { centsText };
