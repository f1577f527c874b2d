import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgreementsService } from '@lib/agreements';
import { AuditService } from '@lib/audit';
import { ReconciliationRequests } from './outbox/reconciliation-requests';
import {
  ClaimVersionsService,
  ReconciliationExceptionsStore,
  type FamilyScope,
  SubmissionReconciler,
  type LoadedSubmission,
  type ReconcileResult,
  type RereadState,
} from '@lib/claims';
import { Clock, Dec, notFound, quarterOf, systemActor } from '@lib/common';
import { AppConfig } from '@lib/config';
import { LockClass, lockAllForTransaction } from '@lib/database';
import { LedgerService, type LedgerCause, type NewLedgerEntry } from '@lib/ledger';
import { CgtCatalogReader, JurisdictionsService } from '@lib/reference';
import { toRuleVersion } from './claim-version-input';
import { episodeRefOf } from './episode-ref';
import { upsertEpisodes, type EpisodeUpsert } from './episode-upserts';
import { readOutcomeObservations } from './inputs/outcome-observations.reader';
import { DisputeOverrides } from './inputs/dispute-overrides.port';
import { readVolumeRates } from './inputs/volume-rates.reader';
import {
  familiesWithEndedPendingWindows,
  inputsDigestOf,
  lastSeen,
  recordSeen,
  type StateReconciliationSeen,
} from './scope/state-reconciliation.store';
import {
  agreementsOfState,
  ledgerDeltas,
  reconcileState,
  type Component,
  type Episode,
  type EpisodeComponentAmount,
  type EpisodeComponentSum,
  type ObservationMove,
} from './rules';

/** Why a state is being reconciled: names the ledger cause and the service quarter of its deltas. */
export type ReconcileCause = LedgerCause & {
  /** The reconciliation request (outbox row) this run completes, in the same transaction. */
  requestId?: string;
};

/** A state as its USPS and FIPS codes (the FIPS code keys its advisory lock). */
export interface LockedState {
  stateCode: string;
  stateFips: string;
}

/**
 * A state to reconcile: its USPS code, or the codes already known, with the submission just
 * accepted (its CIP period decides how far the look-back reaches) when a submission triggers it.
 */
export type StateToReconcile = string | { stateCode: string; stateFips?: string; acceptedSubmissionId?: string | null };

export interface StateReconciled extends LockedState {
  summary: StateReconcileSummary;
}

export interface StateReconcileSummary {
  episodesCreated: number;
  episodesChanged: number;
  episodesVoided: number;
  ledgerEntries: number;
  ledgerSum: Dec;
  exceptionsRaised: number;
  exceptionsResolved: number;
}

interface StoredEpisodeRow {
  id: string;
  episode_key: string;
  status: string;
  product_id: string;
  labeler_code: string;
  administration_date: string;
  ndc11: string | null;
  fingerprint: string;
}

/** Everything about an episode that, when it changes, makes the episode "changed". */
function fingerprintOf(episode: Episode): string {
  return JSON.stringify([
    episode.status,
    episode.administrationDate,
    episode.ndc11,
    episode.paid.toFixed(2),
    episode.ineligibleCode,
    episode.warnings,
    episode.termsVersionId,
    episode.benchmarks,
    episode.desired,
  ]);
}

/** What the claims library is told of a reconciliation it asked for. */
function toReconcileResult(stateCode: string, reconciled: StateReconciled | undefined): ReconcileResult {
  if (!reconciled) throw new Error(`State ${stateCode} was not reconciled`);
  const summary = reconciled.summary;
  return {
    episodesCreated: summary.episodesCreated,
    episodesChanged: summary.episodesChanged + summary.episodesVoided,
    ledgerEntries: summary.ledgerEntries,
    ledgerSum: summary.ledgerSum.toFixed(2),
  };
}

function causeLabel(cause: ReconcileCause): string {
  return `${cause.type}:${cause.id}`;
}

/**
 * The single door through which a state's money changes. `reconcileStateLocked` reconciles
 * states (rebate-rules sections 2-7): gathers each one's claim versions, the executed terms and
 * the catalog, runs the pure rules, stores the episodes and the derived exceptions as they now
 * stand, and appends ledger deltas (desired - sum so far), under the states' advisory locks and
 * in the caller's transaction; running it again on the same inputs appends nothing. Every trigger
 * calls it: submissions, amendments and participation (outbox), observations, dispute
 * resolutions and year closes.
 */
@Injectable()
export class ReconciliationService extends SubmissionReconciler {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    private readonly agreements: AgreementsService,
    private readonly catalog: CgtCatalogReader,
    private readonly claims: ClaimVersionsService,
    private readonly exceptions: ReconciliationExceptionsStore,
    private readonly ledger: LedgerService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jurisdictions: JurisdictionsService,
    private readonly requests: ReconciliationRequests,
    private readonly overrides: DisputeOverrides,
    private readonly audit: AuditService,
  ) {
    super();
  }

  /**
   * Takes the advisory locks of the states (ascending FIPS order, as every multi-state lock
   * does, so two of them never deadlock) in the caller's transaction and returns them with their
   * FIPS codes, in that order. Callers that read or write before reconciling lock first; the
   * locks are re-entrant, so `reconcileStateLocked` taking them again costs one query each.
   */
  async lockStates(manager: EntityManager, states: readonly StateToReconcile[]): Promise<LockedState[]> {
    const known = new Map<string, string>();
    for (const state of states) {
      if (typeof state !== 'string' && state.stateFips) known.set(state.stateCode, state.stateFips);
    }
    const codes = states.map((state) => (typeof state === 'string' ? state : state.stateCode));
    const missing = [...new Set(codes)].filter((code) => !known.has(code));
    if (missing.length) {
      const found = await this.jurisdictions.jurisdictionsByCodes(missing);
      for (const j of found) known.set(j.uspsCode, j.fipsCode);
      const notKnown = missing.find((code) => !known.has(code));
      if (notKnown !== undefined) throw notFound('State', notKnown);
    }
    const locked = [...known].map(([stateCode, stateFips]) => ({ stateCode, stateFips }));
    locked.sort((a, b) => Number(a.stateFips) - Number(b.stateFips));
    await lockAllForTransaction(
      manager,
      LockClass.STATE,
      locked.map((s) => Number(s.stateFips)),
    );
    return locked;
  }

  /**
   * Locks the states (sorted), reconciles each for the cause in FIPS order, and completes the
   * cause's reconciliation request (outbox) when it names one, all in the caller's transaction.
   */
  async reconcileStateLocked(
    manager: EntityManager,
    states: readonly StateToReconcile[],
    cause: ReconcileCause,
  ): Promise<StateReconciled[]> {
    const locked = await this.lockStates(manager, states);
    const accepted = new Map<string, string | null>();
    for (const state of states) {
      if (typeof state !== 'string' && state.acceptedSubmissionId)
        accepted.set(state.stateCode, state.acceptedSubmissionId);
    }
    const reconciled: StateReconciled[] = [];
    for (const state of locked) {
      const summary = await this.reconcileState(
        manager,
        { ...state, acceptedSubmissionId: accepted.get(state.stateCode) ?? null },
        cause,
      );
      reconciled.push({ ...state, summary });
    }
    if (cause.requestId !== undefined) await this.requests.complete(manager, cause.requestId);
    return reconciled;
  }

  async reconcileAfterLoad(manager: EntityManager, submission: LoadedSubmission): Promise<ReconcileResult> {
    const [reconciled] = await this.reconcileStateLocked(
      manager,
      [{ stateCode: submission.stateCode, stateFips: submission.stateFips, acceptedSubmissionId: submission.id }],
      { type: 'SUBMISSION', id: submission.id, serviceQuarter: quarterOf(submission.periodStart) },
    );
    return toReconcileResult(submission.stateCode, reconciled);
  }

  /**
   * After stored files were re-read for a wider relevance (libs/claims src/reread): the state is
   * reconciled with the last file re-read as cause, the deltas stamped with the quarter of the
   * change (rebate-rules section 7), like other changes.
   */
  async reconcileAfterReread(manager: EntityManager, state: RereadState): Promise<ReconcileResult> {
    const [reconciled] = await this.reconcileStateLocked(
      manager,
      [{ stateCode: state.stateCode, stateFips: state.stateFips }],
      { type: 'SUBMISSION', id: state.submissionId, serviceQuarter: quarterOf(this.clock.today()) },
    );
    return toReconcileResult(state.stateCode, reconciled);
  }

  /** One state, under the lock the caller (reconcileStateLocked) holds. */
  private async reconcileState(
    manager: EntityManager,
    state: { stateCode: string; stateFips: string; acceptedSubmissionId: string | null },
    cause: ReconcileCause,
  ): Promise<StateReconcileSummary> {
    // One connection (the caller's transaction): queries run one after another. Only the state's
    // own participations: another state's join or leave changes neither its result nor its digest.
    const stateWide = {
      catalog: await this.catalog.catalog(manager),
      agreements: agreementsOfState(await this.agreements.executedTermsForReconciliation(manager), state.stateCode),
      volumeRates: await readVolumeRates(manager),
      overrides: await this.overrides.ofState(manager, state.stateCode),
      observations: await readOutcomeObservations(manager, state.stateCode),
    };
    const seen: StateReconciliationSeen = {
      inputsDigest: inputsDigestOf(stateWide),
      latestCipPeriodEnd: await this.claims.latestCipPeriodEnd(manager, state.stateCode, state.acceptedSubmissionId),
      asOf: this.clock.today(),
    };
    const scope = state.acceptedSubmissionId
      ? await this.submissionScope(manager, state, state.acceptedSubmissionId, seen)
      : null;
    const versions = scope
      ? await this.claims.relevantVersionsOfFamilies(manager, state.stateFips, scope.icnOrigs)
      : await this.claims.relevantVersions(manager, state.stateFips);
    const result = reconcileState({
      ...stateWide,
      versions: versions.map((v) => toRuleVersion(v, state.stateCode)),
      latestCipPeriodEnd: seen.latestCipPeriodEnd,
      asOf: seen.asOf,
    });
    const labelers = new Map(stateWide.catalog.map((p) => [p.productId, p.labelerCode]));
    const stored = await this.storeEpisodes(manager, state.stateCode, result.episodes, labelers, cause, scope);
    await this.moveObservations(manager, state.stateCode, result.observationMoves, stored.byKey, cause);
    const ledger = await this.appendDeltas(manager, stored.byKey, result.episodes, cause);
    const exceptions = await this.exceptions.syncDerived(
      manager,
      state.stateCode,
      result.exceptions.map((e) => ({
        code: e.code,
        versionId: e.versionId,
        submissionId: e.submissionId,
        recordNumber: e.recordNumber,
        icn: e.icn,
        episodeId: e.episodeKey ? (stored.byKey.get(e.episodeKey)?.id ?? null) : null,
        reason: e.reason,
      })),
      causeLabel(cause),
      scope ? { versionIds: versions.map((v) => v.id) } : undefined,
    );
    await recordSeen(manager, state.stateCode, seen);
    const summary: StateReconcileSummary = {
      episodesCreated: stored.created,
      episodesChanged: stored.changed,
      episodesVoided: stored.voided,
      ledgerEntries: ledger.count,
      ledgerSum: ledger.sum,
      exceptionsRaised: exceptions.raised,
      exceptionsResolved: exceptions.resolved,
    };
    this.logger.log(
      {
        stateCode: state.stateCode,
        cause: causeLabel(cause),
        scope: scope ? { families: scope.icnOrigs.length, versions: versions.length } : 'STATE',
        ...summary,
        ledgerSum: summary.ledgerSum.toFixed(2),
      },
      'State reconciled',
    );
    return summary;
  }

  /**
   * The families a submission's reconciliation must look at (docs/architecture.md
   * "Reconciliation scope"), or null when it must look at the whole state: when the state-wide
   * inputs differ from what the state's last reconciliation saw (a change whose own
   * reconciliation has not run yet, or a first reconciliation), the data moved back, or re-read
   * files await the state's reconciliation. The scope
   * is the submission's families and those of episodes whose PENDING windows a later period or
   * day may have ended, closed over beneficiaries.
   */
  private async submissionScope(
    manager: EntityManager,
    state: { stateCode: string; stateFips: string },
    submissionId: string,
    seen: StateReconciliationSeen,
  ): Promise<FamilyScope | null> {
    const last = await lastSeen(manager, state.stateCode);
    if (
      !last ||
      last.inputsDigest !== seen.inputsDigest ||
      (last.latestCipPeriodEnd ?? '') > (seen.latestCipPeriodEnd ?? '') ||
      last.asOf > seen.asOf ||
      (await this.claims.rereadPending(manager, state.stateCode))
    ) {
      return null;
    }
    const ended =
      last.latestCipPeriodEnd === seen.latestCipPeriodEnd && last.asOf === seen.asOf
        ? []
        : await familiesWithEndedPendingWindows(manager, state.stateCode, seen.latestCipPeriodEnd, seen.asOf);
    return this.claims.familyScope(manager, state.stateFips, submissionId, ended);
  }

  /**
   * Upserts the episodes the rules produced; episodes they no longer produce become VOIDED. With a
   * scope, the stored episodes looked at are those of its beneficiaries and families.
   */
  private async storeEpisodes(
    manager: EntityManager,
    stateCode: string,
    episodes: Episode[],
    labelers: Map<string, string>,
    cause: ReconcileCause,
    scope: FamilyScope | null,
  ): Promise<{ byKey: Map<string, StoredEpisodeRow>; created: number; changed: number; voided: number }> {
    const columns = 'id, episode_key, status, product_id, labeler_code, administration_date, ndc11, fingerprint';
    const before = scope
      ? await manager.query<StoredEpisodeRow[]>(
          `SELECT ${columns} FROM episode WHERE state_code = $1 AND msis_id = ANY($2::text[])
           UNION
           SELECT ${columns} FROM episode WHERE state_code = $1 AND index_icn = ANY($3::text[])`,
          [stateCode, scope.msisIds, scope.icnOrigs],
        )
      : await manager.query<StoredEpisodeRow[]>(`SELECT ${columns} FROM episode WHERE state_code = $1`, [stateCode]);
    const byKey = new Map(before.map((row) => [row.episode_key, row]));
    const label = causeLabel(cause);
    const toStore: EpisodeUpsert[] = [];
    for (const episode of episodes) {
      const labelerCode = labelers.get(episode.productId);
      if (!labelerCode) throw new Error(`Product ${episode.productId} has no labeler code`);
      const fingerprint = fingerprintOf(episode);
      if (byKey.get(episode.episodeKey)?.fingerprint === fingerprint) continue;
      const episodeRef = episodeRefOf(episode.episodeKey, this.config.episodeRefKey);
      toStore.push({ episode, episodeRef, labelerCode, fingerprint });
    }
    const upserted = await upsertEpisodes(manager, stateCode, toStore, label);
    const stored = new Map(upserted.map((row) => [row.episodeKey, row]));
    let created = 0;
    for (const { episode, labelerCode, fingerprint } of toStore) {
      const row = stored.get(episode.episodeKey);
      if (!row) throw new Error(`Episode upsert returned nothing for ${episode.indexIcn}`);
      if (row.inserted) created += 1;
      byKey.set(episode.episodeKey, {
        id: row.id,
        episode_key: episode.episodeKey,
        status: episode.status,
        product_id: episode.productId,
        labeler_code: labelerCode,
        administration_date: episode.administrationDate,
        ndc11: episode.ndc11,
        fingerprint,
      });
    }
    const changed = toStore.length - created;
    const produced = new Set(episodes.map((e) => e.episodeKey));
    const vanished = [...byKey.values()].filter((row) => !produced.has(row.episode_key) && row.status !== 'VOIDED');
    if (vanished.length) {
      await manager.query(
        `UPDATE episode SET status = 'VOIDED', desired = '[]', benchmarks = '[]', fingerprint = 'VOIDED', updated_by_cause = $2, updated_at = now()
          WHERE id = ANY($1::uuid[])`,
        [vanished.map((row) => row.id), label],
      );
      for (const row of vanished) {
        row.status = 'VOIDED';
        row.fingerprint = 'VOIDED';
      }
    }
    return { byKey, created, changed, voided: vanished.length };
  }

  /**
   * Observations follow their beneficiary's episode: when a new index claim re-keys
   * the episode, the rules already counted each observation on the new one (followBeneficiaries);
   * this re-attaches the stored row to it in the same transaction, audited with both episode
   * references (never the beneficiary id). Withdrawn observations stay where they were reported.
   */
  private async moveObservations(
    manager: EntityManager,
    stateCode: string,
    moves: readonly ObservationMove[],
    byKey: Map<string, StoredEpisodeRow>,
    cause: ReconcileCause,
  ): Promise<void> {
    if (!moves.length) return;
    const episodeOf = (key: string) => {
      const row = byKey.get(key);
      if (!row) throw new Error('An observation moves between episodes that are not stored');
      return row.id;
    };
    const pairs = moves.map((move) => ({
      move,
      from: episodeOf(move.fromEpisodeKey),
      to: episodeOf(move.toEpisodeKey),
    }));
    const refs = new Map(
      (
        await manager.query<{ id: string; episode_ref: string }[]>(
          `SELECT id, episode_ref FROM episode WHERE id = ANY($1::uuid[])`,
          [[...new Set(pairs.flatMap((p) => [p.from, p.to]))]],
        )
      ).map((row) => [row.id, row.episode_ref]),
    );
    const label = causeLabel(cause);
    for (const { move, from, to } of pairs) {
      await manager.query(`UPDATE outcome_observation SET episode_id = $2 WHERE id = $1 AND episode_id = $3`, [
        move.observationId,
        to,
        from,
      ]);
      await this.audit.record(manager, systemActor('reconciliation'), {
        action: 'outcome.observation.reattached',
        entityType: 'OutcomeObservation',
        entityId: move.observationId,
        stateCode,
        before: { episodeRef: refs.get(from) },
        after: { episodeRef: refs.get(to) },
        comment: `A new index claim re-keyed the beneficiary's episode (${label}); the observation follows it.`,
      });
    }
  }

  /** rebate-rules section 7: for every episode and component, desired - sum so far. */
  private async appendDeltas(
    manager: EntityManager,
    byKey: Map<string, StoredEpisodeRow>,
    episodes: Episode[],
    cause: ReconcileCause,
  ): Promise<{ count: number; sum: Dec }> {
    const rows = [...byKey.values()];
    const sums = await this.ledger.sumsByEpisode(
      manager,
      rows.map((r) => r.id),
    );
    const existing: EpisodeComponentSum[] = [];
    for (const row of rows) {
      for (const [component, sum] of sums.get(row.id) ?? []) {
        existing.push({ episodeKey: row.episode_key, component: component as Component, sum });
      }
    }
    const desired: EpisodeComponentAmount[] = episodes.flatMap((e) =>
      e.desired.map((d) => ({ episodeKey: e.episodeKey, component: d.component, amount: d.amount })),
    );
    const current = new Map(episodes.map((e) => [e.episodeKey, e]));
    const entries: NewLedgerEntry[] = ledgerDeltas(desired, existing).map((delta) => {
      const row = byKey.get(delta.episodeKey);
      if (!row) throw new Error('A ledger delta names an episode that is not stored');
      const episode = current.get(delta.episodeKey);
      return {
        episodeId: row.id,
        stateCode: episode?.stateCode ?? row.episode_key.split('|')[0] ?? '',
        labelerCode: row.labeler_code,
        productId: row.product_id,
        // The episode's administration date and NDC as they stand when the entry is made.
        administrationDate: episode?.administrationDate ?? row.administration_date,
        ndc11: episode ? episode.ndc11 : row.ndc11,
        component: delta.component,
        amount: delta.amount,
      };
    });
    return this.ledger.append(manager, cause, entries);
  }
}
