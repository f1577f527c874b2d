import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentActor, ErrorCategory, isIsoDate, Role, type Actor } from '@lib/common';
import { StatementExportsService } from '../statement-exports.service';
import { StatementError, StatementErrorCode } from '../statements.errors';
import { StatementsService } from '../statements.service';
import type { StatementEntity } from '../entities/statement.entity';

const READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];

/**
 * Statement downloads (issue 5), with the bearer token like every /v1 route and the same scope
 * as the GraphQL reads (NOT_FOUND outside it): the CSV with exactly the rebate-rules section 8
 * columns, and the printable HTML document. A statement is named by its number
 * (CGT-NY-51167-2026Q1) or by labeler, state and quarter.
 */
@Controller('v1')
export class StatementFilesController {
  constructor(
    private readonly statements: StatementsService,
    private readonly exportsService: StatementExportsService,
  ) {}

  @Allow(...READERS)
  @Get('statements/:number.csv')
  async csv(@CurrentActor() actor: Actor, @Param('number') number: string, @Res() res: Response): Promise<void> {
    const statement = await this.statements.getByNumberOrId(actor, number);
    send(res, statement, 'csv', await this.exportsService.csv(statement));
  }

  @Allow(...READERS)
  @Get('statements/:number.html')
  async html(
    @CurrentActor() actor: Actor,
    @Param('number') number: string,
    @Query('asOf') asOf: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const statement = await this.statements.getByNumberOrId(actor, number);
    send(res, statement, 'html', await this.exportsService.html(statement, this.asOf(asOf)));
  }

  /** GET /v1/labelers/51167/states/NY/statements/2026Q1.csv (or .html): what `cli statement export` calls. */
  @Allow(...READERS)
  @Get('labelers/:labeler/states/:state/statements/:quarter.:format')
  async byKey(
    @CurrentActor() actor: Actor,
    @Param('labeler') labelerCode: string,
    @Param('state') stateCode: string,
    @Param('quarter') quarter: string,
    @Param('format') format: string,
    @Query('asOf') asOf: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (format !== 'csv' && format !== 'html') {
      throw new StatementError(ErrorCategory.NOT_FOUND, StatementErrorCode.NOT_ISSUED, `Unknown format .${format}`);
    }
    const statement = await this.statements.getByKey(actor, { labelerCode, stateCode, quarter });
    const body =
      format === 'csv'
        ? await this.exportsService.csv(statement)
        : await this.exportsService.html(statement, this.asOf(asOf));
    send(res, statement, format, body);
  }

  private asOf(asOf: string | undefined): string {
    if (asOf === undefined) return this.statements.today();
    if (!isIsoDate(asOf)) {
      throw new StatementError(ErrorCategory.BAD_USER_INPUT, StatementErrorCode.NOT_ISSUED, 'asOf: not a date');
    }
    return asOf;
  }
}

function send(res: Response, statement: StatementEntity, format: 'csv' | 'html', body: string): void {
  res.status(200);
  res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${statement.number}.${format}"`);
  res.send(body);
}
