import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentActor, isIsoDate, Role, type Actor, validationFailed } from '@lib/common';
import {
  isStatementFormat,
  STATEMENT_CONTENT_TYPES,
  StatementExportsService,
  type StatementFormat,
} from '../statement-exports.service';
import { StatementError, StatementErrorCode } from '../statements.errors';
import { StatementsService } from '../statements.service';
import type { StatementEntity } from '../entities/statement.entity';

const READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];

/**
 * Statement downloads (README "Statements and payments"), with the bearer token or the session cookie like every
 * /v1 GET and the same scope as the GraphQL reads (NOT_FOUND outside it): the CSV with exactly
 * the rebate-rules section 8 columns, and the statement document as printable HTML, PDF and an
 * Excel workbook (`?asOf=` dates the balances and interest; default today). A statement is named
 * by its number (CGT-NY-51167-2026Q1), its id, or by labeler, state and quarter.
 */
@Controller('v1')
export class StatementFilesController {
  constructor(
    private readonly statements: StatementsService,
    private readonly exportsService: StatementExportsService,
  ) {}

  @Allow(...READERS)
  @Get('statements/:number.csv')
  csv(@CurrentActor() actor: Actor, @Param('number') number: string, @Res() res: Response): Promise<void> {
    return this.byNumber(actor, number, 'csv', undefined, res);
  }

  @Allow(...READERS)
  @Get('statements/:number.html')
  html(
    @CurrentActor() actor: Actor,
    @Param('number') number: string,
    @Query('asOf') asOf: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    return this.byNumber(actor, number, 'html', asOf, res);
  }

  @Allow(...READERS)
  @Get('statements/:number.pdf')
  pdf(
    @CurrentActor() actor: Actor,
    @Param('number') number: string,
    @Query('asOf') asOf: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    return this.byNumber(actor, number, 'pdf', asOf, res);
  }

  @Allow(...READERS)
  @Get('statements/:number.xlsx')
  xlsx(
    @CurrentActor() actor: Actor,
    @Param('number') number: string,
    @Query('asOf') asOf: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    return this.byNumber(actor, number, 'xlsx', asOf, res);
  }

  /** GET /v1/labelers/51167/states/NY/statements/2026Q1.csv (or .html, .pdf, .xlsx): what `cli statement export` calls. */
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
    if (!isStatementFormat(format)) {
      throw new StatementError(StatementErrorCode.UNKNOWN_FORMAT, `Unknown format .${format}: csv, html, pdf or xlsx`);
    }
    const day = this.asOf(asOf);
    const statement = await this.statements.getByKey(actor, { labelerCode, stateCode, quarter });
    send(res, statement, format, await this.exportsService.render(statement, format, day));
  }

  private async byNumber(
    actor: Actor,
    number: string,
    format: StatementFormat,
    asOf: string | undefined,
    res: Response,
  ): Promise<void> {
    const day = this.asOf(asOf);
    const statement = await this.statements.getByNumberOrId(actor, number);
    send(res, statement, format, await this.exportsService.render(statement, format, day));
  }

  private asOf(asOf: string | undefined): string {
    if (asOf === undefined) return this.statements.today();
    if (!isIsoDate(asOf)) {
      throw validationFailed([
        { path: 'asOf', message: `${JSON.stringify(asOf.slice(0, 40))} is not a date (YYYY-MM-DD)` },
      ]);
    }
    return asOf;
  }
}

function send(res: Response, statement: StatementEntity, format: StatementFormat, body: string | Buffer): void {
  res.status(200);
  res.setHeader('content-type', STATEMENT_CONTENT_TYPES[format]);
  res.setHeader('content-disposition', `attachment; filename="${statement.number}.${format}"`);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'private, no-store');
  res.send(body);
}
