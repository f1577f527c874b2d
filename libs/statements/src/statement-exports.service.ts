import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IsoDate } from '@lib/common';
import {
  buildStatementDocument,
  renderStatementHtml,
  renderStatementPdf,
  renderStatementXlsx,
  type StatementDocument,
} from './documents';
import type { StatementEntity } from './entities/statement.entity';
import { statementCsv, statementTotals } from './rules';
import { StatementReader, toPayment } from './statement-reader';
import { StatementsService } from './statements.service';

/** The formats a statement downloads in (csv, html, pdf, xlsx). */
export const STATEMENT_FORMATS = ['csv', 'html', 'pdf', 'xlsx'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export const STATEMENT_CONTENT_TYPES: Record<StatementFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function isStatementFormat(value: string): value is StatementFormat {
  return (STATEMENT_FORMATS as readonly string[]).includes(value);
}

/**
 * The files a finance team takes away: the CSV with exactly the rebate-rules section 8 columns
 * (README "Statements and payments"), and the statement document (README "Portal") as printable HTML, PDF and an Excel workbook,
 * all three rendered from ONE StatementDocument built from the statements service's reads
 * (the figures GraphQL shows) and the same lines as the CSV. The caller has checked the scope.
 */
@Injectable()
export class StatementExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: StatementReader,
    private readonly statements: StatementsService,
  ) {}

  async csv(statement: StatementEntity): Promise<string> {
    return statementCsv({
      statementNumber: statement.number,
      state: statement.stateCode,
      labelerCode: statement.labelerCode,
      lines: await this.reader.lines(this.dataSource.manager, statement),
    });
  }

  /**
   * The one document model of a statement as of a day: lines, payments, credits and balances
   * through the statements service's batch reads (balancesOf is the one balance API),
   * so the document shows what GraphQL shows.
   */
  async document(statement: StatementEntity, asOf: IsoDate): Promise<StatementDocument> {
    const manager = this.dataSource.manager;
    const ids = [statement.id];
    const [views, lines, payments, credits, disputes, parties, manufacturerLegalName] = await Promise.all([
      this.statements.balancesOf(ids, asOf),
      this.statements.linesOf(ids),
      this.statements.paymentsOf(ids),
      this.statements.creditsOf(ids),
      this.reader.disputes(manager, statement.id),
      this.reader.stateAgency(manager, statement.stateCode),
      this.reader.manufacturerLegalName(manager, statement.labelerCode, statement.issuedOn ?? asOf),
    ]);
    const view = views.get(statement.id);
    if (!view) throw new Error(`Statement ${statement.number} vanished while its document was built`);
    const statementLines = lines.get(statement.id) ?? [];
    return buildStatementDocument({
      statement,
      asOf: view.asOf,
      lines: statementLines,
      totals: statementTotals(statement.quarter, statementLines),
      balances: view.balances,
      interest: view.interest,
      interestStartsOn: view.interestStartsOn,
      interestProblem: view.interestProblem,
      payments: (payments.get(statement.id) ?? []).map(toPayment),
      credits: (credits.get(statement.id) ?? []).map((c) => ({
        receivedOn: c.receivedOn,
        reference: c.reference,
        amount: c.amount,
      })),
      disputes,
      stateName: parties.stateName,
      manufacturerLegalName,
      agency: parties.agency,
    });
  }

  /** The statement in one format: text for csv and html, bytes for pdf and xlsx. */
  async render(statement: StatementEntity, format: StatementFormat, asOf: IsoDate): Promise<string | Buffer> {
    if (format === 'csv') return this.csv(statement);
    const doc = await this.document(statement, asOf);
    if (format === 'html') return renderStatementHtml(doc);
    if (format === 'pdf') return renderStatementPdf(doc);
    return renderStatementXlsx(doc);
  }
}
