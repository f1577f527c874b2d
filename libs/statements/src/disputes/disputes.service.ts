import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import { Clock, manufacturerOfLabeler, mayReadRow, notFound, type Actor, type FieldViolation } from '@lib/common';
import { DisputeEntity } from '../entities/dispute.entity';
import { disputeDueDate, disputeViolations, openDispute, type DisputeScope } from '../rules';
import { StatementReader } from '../statement-reader';
import { StatementStatusStore } from '../statement-status.store';
import { StatementError, StatementErrorCode } from '../statements.errors';
import { DISPUTE_OPENERS, DOCUMENT_ATTACHERS, requireRole, visibleDispute } from './dispute-access';
import { documentViolations, refuseDocuments, storeDocuments, type NewDisputeDocument } from './dispute-documents';

export interface OpenDisputeCommand {
  statementId: string;
  /** The disputed line (a ledger entry id of that statement); null disputes the whole statement. */
  ledgerEntryId: string | null;
  /** Or the disputed line by its number on the statement (from 1, statement order). */
  lineNumber?: number | null;
  /** Largest document accepted (HTTP uploads: DISPUTE_DOCUMENT_MAX_BYTES); default the GraphQL limit. */
  maxDocumentBytes?: number;
  code: string;
  note: string;
  documents: NewDisputeDocument[];
}

export interface AddDisputeDocumentsCommand {
  disputeId: string;
  documents: NewDisputeDocument[];
  maxDocumentBytes?: number;
}

/** Where a rule violation sends the caller: a state that forbids it (409) or bad input (400). */
function refusal(violations: string[]): StatementError {
  const fields: FieldViolation[] = violations.map((v) => {
    const [path, ...message] = v.split(': ');
    return { path: path ?? '', message: message.join(': ') };
  });
  const notIssued = violations.includes('statement: not issued yet');
  const conflict = notIssued || violations.some((v) => v.startsWith('statement:') || v.includes('already has'));
  const code = notIssued
    ? StatementErrorCode.NOT_ISSUED
    : conflict
      ? StatementErrorCode.DISPUTE_CONFLICT
      : StatementErrorCode.DISPUTE_REFUSED;
  return new StatementError(code, `Dispute refused: ${violations.join('; ')}`, fields);
}

/**
 * Opening disputes of issued statements and attaching supporting documents (MDRP
 * dispute codes): a manufacturer disputes a line or a whole statement of its own labeler codes
 * (a coordinator may too); the statement becomes DISPUTED in the same transaction.
 */
@Injectable()
export class DisputesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statuses: StatementStatusStore,
    private readonly reader: StatementReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async open(actor: Actor, command: OpenDisputeCommand): Promise<DisputeEntity> {
    requireRole(actor, DISPUTE_OPENERS, 'open a dispute');
    const docViolations = documentViolations(command.documents, 'input.documents', command.maxDocumentBytes);
    if (docViolations.length) throw refuseDocuments(docViolations);
    const lineNumber = command.lineNumber ?? null;
    if (lineNumber !== null && command.ledgerEntryId !== null) {
      throw refusal(['input.lineNumber: give either the line number or the ledger entry id, not both']);
    }
    return this.dataSource.transaction(async (manager) => {
      const statement = await this.statuses.lock(manager, command.statementId);
      if (!(await mayReadRow(manager, actor, statement))) throw notFound('Statement', command.statementId);
      const today = this.clock.today();
      const lines = await this.reader.lines(manager, statement);
      const existing = await this.reader.disputes(manager, statement.id);
      // Line numbers are positions in statement order (the order of lines(), the CSV and the documents).
      if (lineNumber !== null && !(Number.isInteger(lineNumber) && lineNumber >= 1 && lineNumber <= lines.length)) {
        throw refusal([`input.lineNumber: ${statement.number} has lines 1 to ${lines.length}, not ${lineNumber}`]);
      }
      const lineId = lineNumber !== null ? lines[lineNumber - 1].lineId : command.ledgerEntryId;
      const scope: DisputeScope = lineId === null ? { kind: 'STATEMENT' } : { kind: 'LINE', lineId };
      const input = { disputeId: 'new', scope, code: command.code, note: command.note, openedOn: today };
      const facts = {
        status: statement.status,
        issuedOn: statement.issuedOn,
        lines,
        disputes: existing,
      };
      const line = scope.kind === 'LINE' ? lines.find((l) => l.lineId === scope.lineId) : undefined;
      const violations = disputeViolations(input, facts);
      // Our choice: a credit bills nothing, so there is nothing to hold back or to agree lower.
      if (line && !line.amount.isPositive())
        violations.push('input.ledgerEntryId: a credit (or zero) line bills nothing and cannot be disputed');
      const opened = openDispute(input, facts);
      if (violations.length || !opened.ok) throw refusal(violations);
      const now = this.clock.now();
      const dispute = await manager.save(
        manager.create(DisputeEntity, {
          statementId: statement.id,
          scope: scope.kind,
          ledgerEntryId: line?.lineId ?? null,
          code: opened.value.code,
          note: command.note,
          disputedAmount: line?.amount ?? statement.total ?? undefined,
          openedOn: today,
          openedBy: actor.userId ?? undefined,
          dueOn: disputeDueDate(opened.value),
          status: 'OPEN',
          resolvedOn: null,
          resolvedBy: null,
          resolutionNote: null,
          agreedAmount: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const documents = await storeDocuments(manager, actor, dispute.id, command.documents);
      await this.statuses.apply(manager, actor, statement, { type: 'DISPUTE' });
      // The free-text note stays out of the audit row (it could carry anything); its length says it was given.
      await this.audit.record(manager, actor, {
        action: 'dispute.open',
        entityType: 'dispute',
        entityId: dispute.id,
        before: null,
        after: {
          statementId: statement.id,
          statementNumber: statement.number,
          scope: dispute.scope,
          ledgerEntryId: dispute.ledgerEntryId,
          code: dispute.code,
          disputedAmount: dispute.disputedAmount.toFixed(2),
          dueOn: dispute.dueOn,
          noteLength: command.note.length,
          documents: documents.map(({ fileName, sizeBytes, sha256 }) => ({ fileName, sizeBytes, sha256 })),
        },
        stateCode: statement.stateCode,
        manufacturerId: await manufacturerOfLabeler(manager, statement.labelerCode),
      });
      return dispute;
    });
  }

  /** More supporting documents for an open dispute (its manufacturer, its state, or a coordinator). */
  async addDocuments(actor: Actor, command: AddDisputeDocumentsCommand): Promise<DisputeEntity> {
    requireRole(actor, DOCUMENT_ATTACHERS, 'attach dispute documents');
    const violations = documentViolations(command.documents, 'input.documents', command.maxDocumentBytes);
    if (command.documents.length === 0) violations.push({ path: 'input.documents', message: 'at least one document' });
    if (violations.length) throw refuseDocuments(violations);
    return this.dataSource.transaction(async (manager) => {
      const { dispute, statement } = await visibleDispute(manager, actor, command.disputeId, true);
      if (dispute.status !== 'OPEN') {
        throw new StatementError(
          StatementErrorCode.DISPUTE_CONFLICT,
          `Dispute ${dispute.id} is ${dispute.status}: documents can only be added while it is open`,
        );
      }
      const documents = await storeDocuments(manager, actor, dispute.id, command.documents);
      await this.audit.record(manager, actor, {
        action: 'dispute.add_documents',
        entityType: 'dispute',
        entityId: dispute.id,
        before: null,
        after: { documents: documents.map(({ fileName, sizeBytes, sha256 }) => ({ fileName, sizeBytes, sha256 })) },
        stateCode: statement.stateCode,
        manufacturerId: await manufacturerOfLabeler(manager, statement.labelerCode),
      });
      return dispute;
    });
  }
}
