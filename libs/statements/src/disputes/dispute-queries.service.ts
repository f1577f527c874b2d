import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  Clock,
  daysBetween,
  notFound,
  ZERO,
  type Dec,
  paginateQuery,
  type Actor,
  type ConnectionShape,
  type IsoDate,
  type PageArgs,
  applyReadScope,
  readScopeOf,
} from '@lib/common';
import { DisputeDocumentEntity, DisputeEntity } from '../entities/dispute.entity';
import { StatementEntity } from '../entities/statement.entity';
import {
  DISPUTE_AGING_BUCKETS,
  disputeAgingBucket,
  type DisputeAgingBucket,
  type DisputeCode,
  type DisputeStatus,
} from '../rules';
import { StatementReader } from '../statement-reader';
import { visibleDispute } from './dispute-access';

export interface DisputeFilter {
  status?: DisputeStatus;
  statementId?: string;
  code?: DisputeCode;
  /** Only open disputes past their due date. */
  overdueOnly?: boolean;
}

/** A dispute with what its views show: its statement and its documents' metadata. */
export interface DisputeView {
  dispute: DisputeEntity;
  statement: StatementEntity;
  documents: DisputeDocumentEntity[];
  today: IsoDate;
  /** The disputed line's number on its statement (statement order, from 1); null for a whole statement. */
  lineNumber: number | null;
}

/**
 * Reads of disputes, scoped like statements (style.md habit 5): manufacturers their own labeler
 * codes, state staff their state, coordinators and auditors all; anything else is NOT_FOUND.
 */
@Injectable()
export class DisputeQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly reader: StatementReader,
  ) {}

  async list(actor: Actor, filter: DisputeFilter, page: PageArgs): Promise<ConnectionShape<DisputeView>> {
    const today = this.clock.today();
    const qb = this.dataSource
      .getRepository(DisputeEntity)
      .createQueryBuilder('d')
      .innerJoin(StatementEntity, 's', 's.id = d.statement_id');
    applyReadScope(qb, readScopeOf(actor), 's');
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.statementId) qb.andWhere('d.statement_id = :statementId', { statementId: filter.statementId });
    if (filter.code) qb.andWhere('d.code = :code', { code: filter.code });
    if (filter.overdueOnly) qb.andWhere(`d.status = 'OPEN' AND d.due_on < :today`, { today });
    const connection = await paginateQuery(qb, page, {
      columns: ['d.opened_on', 'd.id'],
      valuesOf: (d) => [d.openedOn, d.id],
      direction: 'DESC',
    });
    const views = await this.views(
      connection.edges.map((e) => e.node),
      today,
    );
    return { ...connection, edges: connection.edges.map((e, i) => ({ cursor: e.cursor, node: views[i] })) };
  }

  async get(actor: Actor, disputeId: string): Promise<DisputeView> {
    const { dispute } = await visibleDispute(this.dataSource.manager, actor, disputeId);
    return (await this.views([dispute], this.clock.today()))[0];
  }

  /**
   * Open disputes in the actor's scope by age on `asOf` (default today): every bucket, zero ones
   * too, with the count and the amount held back (the portal's aging chart and list).
   */
  async aging(
    actor: Actor,
    asOf: IsoDate = this.clock.today(),
  ): Promise<{ bucket: DisputeAgingBucket; label: string; count: number; amount: Dec }[]> {
    const qb = this.dataSource
      .getRepository(DisputeEntity)
      .createQueryBuilder('d')
      .innerJoin(StatementEntity, 's', 's.id = d.statement_id')
      .where(`d.status = 'OPEN' AND d.opened_on <= :asOf`, { asOf });
    applyReadScope(qb, readScopeOf(actor), 's');
    const open = await qb.getMany();
    const rows = DISPUTE_AGING_BUCKETS.map((b) => ({ bucket: b.bucket, label: b.label, count: 0, amount: ZERO }));
    for (const d of open) {
      const row = rows.find((r) => r.bucket === disputeAgingBucket(daysBetween(d.openedOn, asOf)))!;
      row.count += 1;
      row.amount = row.amount.plus(d.disputedAmount);
    }
    return rows;
  }

  /** A view of disputes just written (mutations answer with them). */
  async view(dispute: DisputeEntity): Promise<DisputeView> {
    return (await this.views([dispute], this.clock.today()))[0];
  }

  /** One supporting document with its bytes, if the actor may see its dispute. */
  async document(actor: Actor, disputeId: string, documentId: string): Promise<DisputeDocumentEntity> {
    await visibleDispute(this.dataSource.manager, actor, disputeId);
    const document = await this.dataSource
      .getRepository(DisputeDocumentEntity)
      .createQueryBuilder('doc')
      .addSelect('doc.content')
      .where('doc.id = :documentId AND doc.dispute_id = :disputeId', { documentId, disputeId })
      .getOne();
    if (!document) throw notFound('Dispute document', documentId);
    return document;
  }

  private async views(disputes: DisputeEntity[], today: IsoDate): Promise<DisputeView[]> {
    if (!disputes.length) return [];
    const statements = await this.dataSource
      .getRepository(StatementEntity)
      .findBy({ id: In([...new Set(disputes.map((d) => d.statementId))]) });
    const documents = await this.dataSource
      .getRepository(DisputeDocumentEntity)
      .find({ where: { disputeId: In(disputes.map((d) => d.id)) }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    const byId = new Map(statements.map((s) => [s.id, s]));
    // Line numbers: positions in statement order, read for every statement of the page at once.
    const withLines = [...new Set(disputes.filter((d) => d.ledgerEntryId !== null).map((d) => d.statementId))];
    const lines = await this.reader.linesOf(this.dataSource.manager, withLines);
    const numbers = new Map<string, number>();
    for (const statementLines of lines.values()) statementLines.forEach((l, i) => numbers.set(l.lineId, i + 1));
    return disputes.map((dispute) => {
      const statement = byId.get(dispute.statementId);
      if (!statement) throw new Error(`Dispute ${dispute.id} names a missing statement`);
      return {
        dispute,
        statement,
        documents: documents.filter((doc) => doc.disputeId === dispute.id),
        today,
        lineNumber: dispute.ledgerEntryId === null ? null : (numbers.get(dispute.ledgerEntryId) ?? null),
      };
    });
  }
}
