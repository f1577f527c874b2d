import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  forbidden,
  paginateQuery,
  readsEverything,
  RequestContext,
  type Actor,
  type ConnectionShape,
  type PageArgs,
} from '@lib/common';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  comment?: string | null;
  /** Scope of the change, so state and manufacturer views can be filtered later. */
  stateCode?: string | null;
  manufacturerId?: string | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  stateCode?: string;
  from?: Date;
  to?: Date;
}

/** Plain JSON for the before/after columns: decimals as strings, no class instances. */
function toJson(value: unknown): object | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as object);
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes one audit row with the caller's transaction (style.md habit 7): the change and its
   * audit commit or roll back together. Never log PHI into before/after.
   */
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEventEntity, {
      actorUserId: actor.userId,
      actorRole: actor.role,
      actorLabel: actor.label,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      stateCode: record.stateCode ?? null,
      manufacturerId: record.manufacturerId ?? null,
      before: toJson(record.before),
      after: toJson(record.after),
      comment: record.comment ?? null,
      requestId: RequestContext.current().requestId ?? RequestContext.current().jobId ?? null,
    });
  }

  /** The audit trail, newest first; coordinators and auditors only. */
  async list(actor: Actor, filter: AuditFilter, page: PageArgs): Promise<ConnectionShape<AuditEventEntity>> {
    if (!readsEverything(actor)) throw forbidden('Only federal coordinators and auditors read the audit trail');
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorUserId) qb.andWhere('e.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.stateCode) qb.andWhere('e.state_code = :stateCode', { stateCode: filter.stateCode });
    if (filter.from) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    return paginateQuery(qb, page, { columns: ['e.id'], valuesOf: (e) => [e.id], direction: 'DESC' });
  }
}
