import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCategory, type IsoDate } from '@lib/common';
import type { StatementEntity } from './entities/statement.entity';
import { statementCsv, statementDocument } from './rules';
import { StatementReader } from './statement-reader';
import { StatementError, StatementErrorCode } from './statements.errors';

/**
 * The files a finance team takes away (issue 5): the CSV with exactly the rebate-rules section 8
 * columns, and a printable, self-contained HTML statement. The caller has checked the scope.
 */
@Injectable()
export class StatementExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: StatementReader,
  ) {}

  async csv(statement: StatementEntity): Promise<string> {
    return statementCsv({
      statementNumber: statement.number,
      state: statement.stateCode,
      labelerCode: statement.labelerCode,
      lines: await this.reader.lines(this.dataSource.manager, statement),
    });
  }

  async html(statement: StatementEntity, asOf: IsoDate): Promise<string> {
    const manager = this.dataSource.manager;
    const money = await this.reader.money(manager, statement);
    const rates = await this.reader.rates(manager);
    const input = {
      statementNumber: statement.number,
      key: { state: statement.stateCode, labelerCode: statement.labelerCode, quarter: statement.quarter },
      manufacturerLegalName: await this.reader.manufacturerLegalName(
        manager,
        statement.labelerCode,
        statement.issuedOn ?? asOf,
      ),
      status: statement.status,
      issuedOn: statement.issuedOn,
      asOf,
      ...money,
      rates,
    };
    try {
      return statementDocument(input);
    } catch (error) {
      // statementInterest refuses to charge nothing for a day the rate table does not cover.
      throw new StatementError(
        ErrorCategory.PRECONDITION_FAILED,
        StatementErrorCode.INTEREST_RATE_REFUSED,
        `${statement.number}: ${error instanceof Error ? error.message : String(error)}; a coordinator sets the interest rate table`,
      );
    }
  }
}
