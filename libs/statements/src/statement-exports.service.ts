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
import { statementCsv } from './rules';
import { StatementReader, toPayment } from './statement-reader';
import { StatementsService } from './statements.service';

/** The formats a statement downloads in (issue 5: csv, html; issue 9: pdf, xlsx). */
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
 * (issue 5), and the statement document (issue 9) as printable HTML, PDF and an Excel workbook,
 * all three rendered from ONE StatementDocument built from the statements service's account
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

  /** The one document model of a statement as of a day. */
  async document(statement: StatementEntity, asOf: IsoDate): Promise<StatementDocument> {
    const manager = this.dataSource.manager;
    const account = await this.statements.account(statement, asOf);
    const disputes = await this.reader.disputes(manager, statement.id);
    const { stateName, agency } = await this.reader.stateAgency(manager, statement.stateCode);
    const manufacturerLegalName = await this.reader.manufacturerLegalName(
      manager,
      statement.labelerCode,
      statement.issuedOn ?? asOf,
    );
    return buildStatementDocument({
      statement,
      asOf: account.asOf,
      lines: account.lines,
      totals: account.totals,
      balances: account.balances,
      interest: account.interest,
      interestStartsOn: account.interestStartsOn,
      interestProblem: account.interestProblem,
      payments: account.payments.map(toPayment),
      disputes,
      stateName,
      manufacturerLegalName,
      agency,
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
