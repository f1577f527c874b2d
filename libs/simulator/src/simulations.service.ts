import { createHash, randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgreementStatus, AgreementsService, validateTermSheet, VersionStatus, type TermSheet } from '@lib/agreements';
import { AuditService } from '@lib/audit';
import {
  Clock,
  dateParts,
  paginateQuery,
  Role,
  type Actor,
  type ConnectionShape,
  type IsoDate,
  type PageArgs,
} from '@lib/common';
import { JobQueue, QueueName } from '@lib/queue';
import { TreatmentHistoryReader } from '@lib/reconciliation';
import { JurisdictionsService, ProductsService } from '@lib/reference';
import {
  ENGINE_VERSION,
  InvalidSimulationSpec,
  LIMITS,
  specToJson,
  termSheetToJson,
  validateSimulationSpec,
  type FixedPatient,
  type HazardPiece,
  type SimulationSpec,
  type StateAssumptions,
  type TreatedModel,
  type VolumePool,
} from './engine';
import { mayReadSimulation, ownerOf, REFUSAL_TEXT, simulateRefusal, type SimulationSubject } from './simulation-access';
import { simulationCsv } from './simulation-csv';
import { defaultAssumptions, defaultVolumePool } from './simulation-defaults';
import { runStoredSpec } from './simulation-run';
import { TermSheetSimulationEntity, type StoredSimulationSpec } from './simulation.entity';
import { simulationNotFound, SimulatorError, SimulatorErrorCode } from './simulator.errors';

/** What to simulate: a stored version (agreement + version number) or an unsaved term sheet for a product. */
export interface SubjectCommand {
  agreementId?: string | null;
  versionNumber?: number | null;
  productId?: string | null;
  terms?: TermSheet | null;
}

export interface StateAssumptionCommand {
  stateCode: string;
  participationFrom?: IsoDate | null;
  treated?: Omit<TreatedModel, 'source' | 'note'> | null;
  uptakeRamp?: number[] | null;
  failure?: { benchmarkCode: string; hazard: HazardPiece[] }[] | null;
}

export interface SimulateCommand {
  subject: SubjectCommand;
  compareWith?: SubjectCommand | null;
  label?: string | null;
  startYear?: number | null;
  horizonYears?: number | null;
  trials?: number | null;
  seed?: number | null;
  sensitivityTrials?: number | null;
  /** Replaces (per state) the defaults; states not listed keep theirs. Listing states limits the run to them. */
  states?: StateAssumptionCommand[] | null;
  volumePool?: { treated: Omit<TreatedModel, 'source' | 'note'>; uptakeRamp?: number[] | null } | null;
  fixedPatients?: FixedPatient[] | null;
}

interface ResolvedSubject {
  subject: SimulationSubject;
  terms: TermSheet;
  productId: string;
  agreementId: string | null;
  versionNumber: number | null;
  participations: { stateCode: string; participationFrom: IsoDate | null }[];
}

/** The defaults a caller would get for a subject (shown before running, labelled by source). */
export interface ResolvedDefaults {
  startYear: number;
  horizonYears: number;
  trials: number;
  states: StateAssumptions[];
  volumePool: VolumePool | null;
}

const DEFAULT_HORIZON_YEARS = 5;
const DEFAULT_TRIALS = 10_000;
/** Per-state series kept per trial: this bounds a run's memory (35 states x 10,000 trials fits). */
const MAX_STATE_TRIALS = 400_000;

/**
 * Term-sheet simulations (README "Term-sheet simulator"): resolves the terms through the
 * agreements' own scope, fills the assumptions the caller left out from the platform's data,
 * stores the complete spec (frozen, hashed) with an audit row and enqueues the run after the
 * commit; the worker runs it with the pure engine and stores the result once.
 */
@Injectable()
export class SimulationsService {
  private readonly logger = new Logger(SimulationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly jurisdictions: JurisdictionsService,
    private readonly products: ProductsService,
    private readonly history: TreatmentHistoryReader,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async defaults(actor: Actor, subject: SubjectCommand): Promise<ResolvedDefaults> {
    const resolved = await this.resolveSubject(actor, subject, 'input.subject');
    this.refuse(
      actor,
      resolved,
      this.defaultStates(actor, resolved).map((s) => s.stateCode),
    );
    return this.defaultsFor(actor, resolved);
  }

  async simulate(actor: Actor, command: SimulateCommand): Promise<TermSheetSimulationEntity> {
    const a = await this.resolveSubject(actor, command.subject, 'input.subject');
    const b = command.compareWith ? await this.resolveSubject(actor, command.compareWith, 'input.compareWith') : null;
    if (b && b.productId !== a.productId) {
      throw invalid('Both term sheets of a comparison must be for the same product', [
        { path: 'input.compareWith', message: 'is for another product' },
      ]);
    }
    const spec = await this.specFor(actor, a, command);
    this.refuse(
      actor,
      a,
      spec.states.map((s) => s.stateCode),
    );
    if (b)
      this.refuse(
        actor,
        b,
        spec.states.map((s) => s.stateCode),
      );
    const violations = validateSimulationSpec(spec).map((v) => ({ path: `input.${v.path}`, message: v.message }));
    if (spec.trials * spec.states.length > MAX_STATE_TRIALS) {
      violations.push({
        path: 'input.trials',
        message: `trials x states may be at most ${MAX_STATE_TRIALS.toLocaleString('en-US')} (${spec.trials} x ${spec.states.length})`,
      });
    }
    if (violations.length > 0) throw invalid('The simulation input is not valid', violations);
    const stored: StoredSimulationSpec = {
      base: specToJson(spec),
      compareTerms: b ? termSheetToJson(b.terms) : null,
      sensitivityTrials: b ? Math.min(spec.trials, command.sensitivityTrials ?? 2000) : null,
    };
    return this.store(actor, stored, {
      kind: b ? 'COMPARISON' : 'SINGLE',
      label: command.label ?? null,
      productId: a.productId,
      agreementId: a.agreementId,
      versionNumber: a.versionNumber,
      compareAgreementId: b?.agreementId ?? null,
      compareVersionNumber: b?.versionNumber ?? null,
      reproduces: null,
    });
  }

  /** Runs a stored spec again as a new simulation (same spec and seed: the same result). */
  async rerun(actor: Actor, id: string): Promise<TermSheetSimulationEntity> {
    const original = await this.get(actor, id);
    if (actor.role === Role.AUDITOR)
      throw new SimulatorError(SimulatorErrorCode.SIMULATION_NOT_ALLOWED, REFUSAL_TEXT.ROLE);
    return this.store(actor, original.spec, {
      kind: original.kind,
      label: original.label,
      productId: original.productId,
      agreementId: original.agreementId,
      versionNumber: original.versionNumber,
      compareAgreementId: original.compareAgreementId,
      compareVersionNumber: original.compareVersionNumber,
      reproduces: original.id,
    });
  }

  async get(actor: Actor, id: string): Promise<TermSheetSimulationEntity> {
    const row = await this.dataSource.getRepository(TermSheetSimulationEntity).findOneBy({ id });
    if (!row || !mayReadSimulation(actor, row)) throw simulationNotFound(id);
    return row;
  }

  async list(actor: Actor, page: PageArgs): Promise<ConnectionShape<TermSheetSimulationEntity>> {
    const qb = this.dataSource.getRepository(TermSheetSimulationEntity).createQueryBuilder('s');
    if (actor.role === Role.MANUFACTURER_STAFF) {
      qb.where(`s.owner_role = 'MANUFACTURER_STAFF' AND s.owner_manufacturer_id = :m`, { m: actor.manufacturerId });
    } else if (actor.role === Role.STATE_STAFF) {
      qb.where(`s.owner_role = 'STATE_STAFF' AND s.owner_state_code = :st`, { st: actor.stateCode });
    } else if (actor.role !== Role.FEDERAL_COORDINATOR && actor.role !== Role.AUDITOR) {
      qb.where('false');
    }
    return paginateQuery(qb, page, {
      columns: ['s.created_at', 's.id'],
      valuesOf: (s) => [s.createdAt.toISOString(), s.id],
      direction: 'DESC',
    });
  }

  async csv(actor: Actor, id: string): Promise<string> {
    const row = await this.get(actor, id);
    if (row.status !== 'COMPLETED' || row.result === null) {
      throw new SimulatorError(
        SimulatorErrorCode.SIMULATION_NOT_COMPLETED,
        `Simulation ${id} is ${row.status}: its CSV exists once it has completed`,
      );
    }
    return simulationCsv(row.id, row.result);
  }

  /** The worker's job: run once, store the result (or the reason it failed) once. */
  async run(simulationId: string, onProgress?: (done: number, total: number) => void): Promise<string> {
    const repo = this.dataSource.getRepository(TermSheetSimulationEntity);
    const row = await repo.findOneBy({ id: simulationId });
    if (!row) return 'MISSING';
    if (row.status === 'COMPLETED' || row.status === 'FAILED') return row.status;
    await repo.update({ id: row.id }, { status: 'RUNNING', startedAt: this.clock.now() });
    const started = Date.now();
    try {
      const result = runStoredSpec(row.spec, { onProgress });
      await repo.update(
        { id: row.id },
        { status: 'COMPLETED', result, elapsedMs: Date.now() - started, completedAt: this.clock.now() },
      );
      return 'COMPLETED';
    } catch (error) {
      // The run is deterministic: a retry would fail the same way, so the reason is recorded at once.
      const reason =
        error instanceof InvalidSimulationSpec ? `Invalid simulation input: ${error.message}` : 'The simulation failed';
      this.logger.warn({ simulationId, err: error }, 'Simulation failed');
      await repo.update(
        { id: row.id },
        { status: 'FAILED', failureReason: reason, elapsedMs: Date.now() - started, completedAt: this.clock.now() },
      );
      return 'FAILED';
    }
  }

  // ---------------------------------------------------------------------------------------------

  private async store(
    actor: Actor,
    stored: StoredSimulationSpec,
    facts: Pick<
      TermSheetSimulationEntity,
      | 'kind'
      | 'label'
      | 'productId'
      | 'agreementId'
      | 'versionNumber'
      | 'compareAgreementId'
      | 'compareVersionNumber'
      | 'reproduces'
    >,
  ): Promise<TermSheetSimulationEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = manager.create(TermSheetSimulationEntity, {
        ...facts,
        ...ownerOf(actor),
        status: 'QUEUED',
        createdBy: actor.userId,
        createdByLabel: actor.label,
        spec: stored,
        specSha256: sha256(stored),
        seed: stored.base.seed,
        trials: stored.base.trials,
        engineVersion: ENGINE_VERSION,
        createdAt: this.clock.now(),
      });
      const inserted = await manager.save(row);
      await this.audit.record(manager, actor, {
        action: facts.reproduces ? 'SIMULATION_RERUN' : 'SIMULATION_REQUESTED',
        entityType: 'term_sheet_simulation',
        entityId: inserted.id,
        stateCode: inserted.ownerStateCode,
        manufacturerId: inserted.ownerManufacturerId,
        after: {
          kind: inserted.kind,
          agreementId: inserted.agreementId,
          versionNumber: inserted.versionNumber,
          compareVersionNumber: inserted.compareVersionNumber,
          seed: inserted.seed,
          trials: inserted.trials,
          specSha256: inserted.specSha256,
          reproduces: inserted.reproduces,
        },
      });
      return inserted;
    });
    await this.jobs.enqueue(QueueName.SIMULATOR, 'run-simulation', { simulationId: saved.id }, { jobId: saved.id });
    return saved;
  }

  private refuse(actor: Actor, subject: ResolvedSubject, stateCodes: string[]): void {
    const refusal = simulateRefusal(actor, subject.subject, stateCodes);
    if (refusal !== null) throw new SimulatorError(SimulatorErrorCode.SIMULATION_NOT_ALLOWED, REFUSAL_TEXT[refusal]);
  }

  private async resolveSubject(actor: Actor, command: SubjectCommand, path: string): Promise<ResolvedSubject> {
    if (command.agreementId) {
      if (command.terms) {
        throw invalid('Name a version or give terms, not both', [
          { path: `${path}.terms`, message: 'not with agreementId' },
        ]);
      }
      // The agreements' own scope decides: another manufacturer's agreement is NOT_FOUND.
      const agreement = await this.agreements.get(actor, command.agreementId);
      const versions = (await this.agreements.versionsOf(actor, [agreement.id])).get(agreement.id) ?? [];
      const version =
        command.versionNumber !== null && command.versionNumber !== undefined
          ? versions.find((v) => v.versionNumber === command.versionNumber)
          : versions.at(-1);
      if (!version) {
        throw new SimulatorError(
          SimulatorErrorCode.SIMULATION_SUBJECT_MISSING,
          `Agreement ${agreement.id} has no version ${command.versionNumber ?? ''} you may read`.replace('  ', ' '),
          [{ path: `${path}.versionNumber`, message: 'no such version' }],
        );
      }
      const terms = (await this.agreements.termsOf([version])).get(version.id) as TermSheet;
      const participations = (await this.agreements.participationsOf(actor, [agreement.id])).get(agreement.id) ?? [];
      return {
        subject: {
          kind: 'VERSION',
          manufacturerId: agreement.manufacturerId,
          agreementExecuted:
            agreement.status === AgreementStatus.EXECUTED || agreement.status === AgreementStatus.EXPIRED,
          versionExecuted: version.status === VersionStatus.EXECUTED,
        },
        terms,
        productId: agreement.productId,
        agreementId: agreement.id,
        versionNumber: version.versionNumber,
        participations: participations
          .filter((p) => p.effectiveTo === null || p.effectiveTo >= terms.enrollmentStart)
          .map((p) => ({ stateCode: p.stateCode, participationFrom: p.effectiveFrom })),
      };
    }
    if (!command.terms || !command.productId) {
      throw invalid('Name an agreement (and version) or give a product and its terms', [
        { path: `${path}.agreementId`, message: 'or productId and terms are required' },
      ]);
    }
    const violations = validateTermSheet(command.terms, `${path}.terms`);
    if (violations.length > 0) throw invalid('The term sheet is not valid', violations);
    const product = await this.products.productById(command.productId);
    if (!product) {
      throw new SimulatorError(
        SimulatorErrorCode.SIMULATION_SUBJECT_MISSING,
        `Product ${command.productId} was not found`,
        [{ path: `${path}.productId`, message: 'no such product' }],
      );
    }
    return {
      subject: { kind: 'TERMS', manufacturerId: product.manufacturerId },
      terms: command.terms,
      productId: product.id,
      agreementId: null,
      versionNumber: null,
      participations: [],
    };
  }

  private defaultStates(
    actor: Actor,
    subject: ResolvedSubject,
  ): { stateCode: string; participationFrom: IsoDate | null }[] {
    const own = actor.role === Role.STATE_STAFF ? actor.stateCode : null;
    const states = subject.participations;
    if (own !== null) return [states.find((s) => s.stateCode === own) ?? { stateCode: own, participationFrom: null }];
    return states;
  }

  private async participatingJurisdictions(
    actor: Actor,
  ): Promise<{ stateCode: string; participationFrom: IsoDate | null }[]> {
    const page = await this.jurisdictions.listJurisdictions(actor, { participantsOnly: true }, { first: 100 });
    return page.edges.map((e) => ({ stateCode: e.node.uspsCode, participationFrom: e.node.cgtStartDateKnown }));
  }

  private async defaultsFor(actor: Actor, subject: ResolvedSubject): Promise<ResolvedDefaults> {
    let states = this.defaultStates(actor, subject);
    const roster = await this.participatingJurisdictions(actor);
    if (states.length === 0) states = roster;
    const today = this.clock.today();
    const year = dateParts(today).year;
    const startYear = Math.min(
      Math.max(year, dateParts(subject.terms.enrollmentStart).year),
      dateParts(subject.terms.enrollmentEnd).year,
    );
    const history = await this.history.treatedEpisodes(actor, subject.productId);
    return {
      startYear,
      horizonYears: DEFAULT_HORIZON_YEARS,
      trials: DEFAULT_TRIALS,
      states: defaultAssumptions({ terms: subject.terms, states, history, today }),
      volumePool: actor.role === Role.STATE_STAFF ? defaultVolumePool(Math.max(0, roster.length - 1)) : null,
    };
  }

  private async specFor(actor: Actor, subject: ResolvedSubject, command: SimulateCommand): Promise<SimulationSpec> {
    const defaults = await this.defaultsFor(actor, subject);
    const byCode = new Map(defaults.states.map((s) => [s.stateCode, s]));
    const states: StateAssumptions[] = command.states?.length
      ? command.states.map((given) => {
          const base =
            byCode.get(given.stateCode) ??
            defaultAssumptions({
              terms: subject.terms,
              states: [{ stateCode: given.stateCode, participationFrom: null }],
              history: [],
              today: this.clock.today(),
            })[0];
          return {
            stateCode: given.stateCode,
            participationFrom: given.participationFrom !== undefined ? given.participationFrom : base.participationFrom,
            treated: given.treated
              ? {
                  ...given.treated,
                  dispersion: given.treated.dispersion ?? null,
                  source: 'USER',
                  note: 'Given with the request.',
                }
              : base.treated,
            uptakeRamp: given.uptakeRamp ?? base.uptakeRamp,
            failure: base.failure.map((f) => {
              const own = given.failure?.find((g) => g.benchmarkCode === f.benchmarkCode);
              return own
                ? {
                    benchmarkCode: f.benchmarkCode,
                    hazard: own.hazard,
                    source: 'USER' as const,
                    note: 'Given with the request.',
                  }
                : f;
            }),
          };
        })
      : defaults.states;
    const volumePool: VolumePool | null =
      command.volumePool !== undefined
        ? command.volumePool && {
            treated: {
              ...command.volumePool.treated,
              dispersion: command.volumePool.treated.dispersion ?? null,
              source: 'USER',
              note: 'Given with the request.',
            },
            uptakeRamp: command.volumePool.uptakeRamp ?? [1],
            source: 'USER',
            note: 'Given with the request.',
          }
        : defaults.volumePool;
    return {
      terms: subject.terms,
      startYear: command.startYear ?? defaults.startYear,
      horizonYears: command.horizonYears ?? defaults.horizonYears,
      trials: command.fixedPatients ? 1 : (command.trials ?? defaults.trials),
      seed: command.seed ?? randomInt(0, 2 ** 32 - 1),
      states,
      volumePool,
      fixedPatients: command.fixedPatients ?? null,
    };
  }
}

function invalid(message: string, violations: { path: string; message: string }[]): SimulatorError {
  return new SimulatorError(SimulatorErrorCode.SIMULATION_INVALID, message, violations);
}

/** SHA-256 of the canonical JSON (keys sorted): Postgres jsonb does not keep key order. */
function sha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export { LIMITS };
