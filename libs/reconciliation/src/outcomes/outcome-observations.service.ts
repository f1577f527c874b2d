import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  Clock,
  forbidden,
  isCoordinator,
  notFound,
  paginateQuery,
  quarterOf,
  Role,
  validationFailed,
  type Actor,
  type ConnectionShape,
  type IsoDate,
  type PageArgs,
} from '@lib/common';
import { EpisodeEntity } from '../episode.entity';
import { EpisodesService } from '../episodes.service';
import { ReconciliationService, type LockedState } from '../reconciliation.service';
import { normalizeEventCode, observationViolations } from './observation-rules';
import { OutcomeObservationEntity } from './outcome-observation.entity';
import { OutcomeError, OutcomeErrorCode } from './outcomes.errors';

export interface ReportObservationCommand {
  /** The episode, by internal id or by reference: exactly one. */
  episodeId?: string | null;
  episodeRef?: string | null;
  eventDate: IsoDate;
  eventCode: string;
  evidenceRef: string;
  note?: string | null;
}

export interface WithdrawObservationCommand {
  observationId: string;
  reason: string;
}

export interface ObservationFilter {
  stateCode?: string;
  episodeRef?: string;
  includeWithdrawn?: boolean;
}

/**
 * Outcome observations ("Outcomes"): state staff of the episode's state, or a
 * coordinator, report an event claims cannot show and may withdraw it with a reason. Each change
 * runs under the state's advisory lock and reconciles the state at once (cause OBSERVATION), so
 * the REPORTED_EVENT benchmark and its ledger entries follow immediately.
 */
@Injectable()
export class OutcomeObservationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly episodes: EpisodesService,
    private readonly reconciliation: ReconciliationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, command: ReportObservationCommand): Promise<OutcomeObservationEntity> {
    this.requireReporter(actor);
    if (Boolean(command.episodeId) === Boolean(command.episodeRef)) {
      throw validationFailed([{ path: 'input.episodeId', message: 'give exactly one of episodeId and episodeRef' }]);
    }
    const found = await this.visibleEpisode(actor, command);
    return this.underStateLock(found.stateCode, async (manager, state) => {
      // Re-read under the lock: a reconciliation may have voided the episode meanwhile.
      const episode = await manager.findOneByOrFail(EpisodeEntity, { id: found.id });
      if (episode.status === 'VOIDED') {
        throw new OutcomeError(
          OutcomeErrorCode.EPISODE_VOIDED,
          `Episode ${episode.episodeRef} is voided: observations can no longer be reported on it`,
        );
      }
      const today = this.clock.today();
      const violations = observationViolations(command, episode.administrationDate, today);
      if (violations.length) throw validationFailed(violations);
      const observation = await manager.save(
        manager.create(OutcomeObservationEntity, {
          episodeId: episode.id,
          stateCode: episode.stateCode,
          eventDate: command.eventDate,
          eventCode: normalizeEventCode(command.eventCode),
          evidenceRef: command.evidenceRef.trim(),
          note: command.note?.trim() ?? '',
          reportedBy: actor.userId,
          reportedAt: this.clock.now(),
        }),
      );
      observation.episodeRef = episode.episodeRef;
      await this.audit.record(manager, actor, {
        action: 'outcome.observation.reported',
        entityType: 'OutcomeObservation',
        entityId: observation.id,
        stateCode: episode.stateCode,
        after: observation,
      });
      await this.reconcile(manager, state, observation.id, today);
      return observation;
    });
  }

  async withdraw(actor: Actor, command: WithdrawObservationCommand): Promise<OutcomeObservationEntity> {
    this.requireReporter(actor);
    const reason = command.reason.trim();
    if (!reason) throw validationFailed([{ path: 'input.reason', message: 'must not be blank' }]);
    const found = await this.dataSource
      .getRepository(OutcomeObservationEntity)
      .findOneBy({ id: command.observationId });
    if (!found || (!isCoordinator(actor) && found.stateCode !== actor.stateCode)) {
      throw new OutcomeError(
        OutcomeErrorCode.OBSERVATION_NOT_FOUND,
        `Outcome observation ${command.observationId} was not found`,
      );
    }
    return this.underStateLock(found.stateCode, async (manager, state) => {
      const observation = await manager.findOneOrFail(OutcomeObservationEntity, {
        where: { id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (observation.withdrawnAt) {
        throw new OutcomeError(
          OutcomeErrorCode.ALREADY_WITHDRAWN,
          `Outcome observation ${observation.id} was already withdrawn`,
        );
      }
      const before = { ...observation };
      observation.withdrawnAt = this.clock.now();
      observation.withdrawnBy = actor.userId;
      observation.withdrawReason = reason;
      const saved = await manager.save(observation);
      await this.audit.record(manager, actor, {
        action: 'outcome.observation.withdrawn',
        entityType: 'OutcomeObservation',
        entityId: saved.id,
        stateCode: saved.stateCode,
        before,
        after: saved,
        comment: reason,
      });
      await this.reconcile(manager, state, saved.id, this.clock.today());
      return saved;
    });
  }

  /** Observations scoped like episodes (manufacturers: their products' episodes). */
  async list(
    actor: Actor,
    filter: ObservationFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<OutcomeObservationEntity>> {
    const qb = this.dataSource
      .getRepository(OutcomeObservationEntity)
      .createQueryBuilder('o')
      .innerJoin(EpisodeEntity, 'e', 'e.id = o.episode_id');
    this.episodes.scope(actor, qb, 'e');
    if (filter.stateCode) qb.andWhere('o.state_code = :stateCode', { stateCode: filter.stateCode });
    if (filter.episodeRef) qb.andWhere('e.episode_ref = :episodeRef', { episodeRef: filter.episodeRef });
    if (!filter.includeWithdrawn) qb.andWhere('o.withdrawn_at IS NULL');
    return paginateQuery(qb, page, {
      columns: ['o.reported_at', 'o.id'],
      valuesOf: (o) => [o.reportedAt.toISOString(), o.id],
    });
  }

  /** Observations of many episodes at once (DataLoader batch), by event date. */
  async ofEpisodes(episodeIds: readonly string[]): Promise<Map<string, OutcomeObservationEntity[]>> {
    const rows = await this.dataSource
      .getRepository(OutcomeObservationEntity)
      .find({ where: { episodeId: In([...episodeIds]) }, order: { eventDate: 'ASC', reportedAt: 'ASC', id: 'ASC' } });
    const byEpisode = new Map<string, OutcomeObservationEntity[]>();
    for (const row of rows) byEpisode.set(row.episodeId, [...(byEpisode.get(row.episodeId) ?? []), row]);
    return byEpisode;
  }

  /** Observations by id (DataLoader batch): the evidence of a NOT_MET benchmark. */
  async byIds(ids: readonly string[]): Promise<Map<string, OutcomeObservationEntity>> {
    const rows = await this.dataSource.getRepository(OutcomeObservationEntity).findBy({ id: In([...ids]) });
    return new Map(rows.map((o) => [o.id, o]));
  }

  private requireReporter(actor: Actor): void {
    if (isCoordinator(actor) || (actor.role === Role.STATE_STAFF && actor.stateCode)) return;
    throw forbidden('Only state staff and coordinators report or withdraw outcome observations');
  }

  /** The episode if the actor may see it (a foreign state's episode is NOT_FOUND). */
  private async visibleEpisode(actor: Actor, command: ReportObservationCommand): Promise<EpisodeEntity> {
    const qb = this.dataSource.getRepository(EpisodeEntity).createQueryBuilder('e');
    if (command.episodeId) qb.where('e.id = :id', { id: command.episodeId });
    else qb.where('e.episode_ref = :ref', { ref: command.episodeRef });
    this.episodes.scope(actor, qb, 'e');
    const episode = await qb.getOne();
    if (!episode) throw notFound('Episode', command.episodeId ?? command.episodeRef ?? '');
    return episode;
  }

  private async underStateLock<T>(
    stateCode: string,
    work: (manager: EntityManager, state: LockedState) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const [state] = await this.reconciliation.lockStates(manager, [stateCode]);
      if (!state) throw new Error(`Unknown state ${stateCode}`);
      return work(manager, state);
    });
  }

  /** rebate-rules section 7: the observation is the cause; its deltas carry today's quarter. */
  private async reconcile(manager: EntityManager, state: LockedState, observationId: string, today: IsoDate) {
    await this.reconciliation.reconcileStateLocked(manager, [state], {
      type: 'OBSERVATION',
      id: observationId,
      serviceQuarter: quarterOf(today),
    });
  }
}
