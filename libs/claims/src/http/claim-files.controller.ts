import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow, CurrentActor, Role, ScopedTo, type Actor } from '@lib/common';
import { ClaimSubmissionsService } from '../claim-submissions.service';
import { ClaimsError, ClaimsErrorCode } from '../claims.errors';
import { StateExceptionsService } from '../exceptions/state-exceptions.service';
import { StateExceptionFilterInput } from '../graphql/claims.inputs';
import { toClaimSubmissionModel, type ClaimSubmissionModel } from '../graphql/claim-submission.model';
import { receiveUpload } from './upload-body';

export interface SubmissionResponse {
  submission: ClaimSubmissionModel;
  links: { self: string; problemsCsv: string; exceptionsCsv: string };
}

function responseOf(submission: ClaimSubmissionModel): SubmissionResponse {
  const self = `/v1/claim-submissions/${submission.id}`;
  return {
    submission,
    links: { self, problemsCsv: `${self}/problems.csv`, exceptionsCsv: `${self}/exceptions.csv` },
  };
}

/**
 * The streaming way in for claim files of any size: raw body
 * (application/octet-stream or text/plain; gzip detected later by its magic bytes) or
 * multipart/form-data with one file field. 202 with a new submission; 200 with the earlier one
 * (its `duplicateOf` naming it) when the same state sent the same bytes before.
 */
@Controller('v1')
export class ClaimFilesController {
  constructor(
    private readonly submissions: ClaimSubmissionsService,
    private readonly stateExceptions: StateExceptionsService,
  ) {}

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR)
  @ScopedTo({ state: 'params.usps' })
  @Post('states/:usps/claim-files')
  @HttpCode(202)
  async submit(
    @CurrentActor() actor: Actor,
    @Param('usps') usps: string,
    @Query('fileName') fileName: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmissionResponse> {
    if (!/^[A-Za-z]{2}$/.test(usps)) {
      throw new ClaimsError(ClaimsErrorCode.UNKNOWN_STATE, `Unknown state ${usps}`);
    }
    const result = await receiveUpload(req, fileName ?? null, (body, name) =>
      this.submissions.receive(actor, { stateCode: usps, fileName: name, body }),
    ).catch((error: unknown) => {
      // The rest of a refused body is not read: the client must not reuse this connection.
      if (!req.complete) res.setHeader('connection', 'close');
      throw error;
    });
    res.status(result.created ? 202 : 200);
    return responseOf(toClaimSubmissionModel(result.submission, result));
  }

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR, Role.AUDITOR)
  @Get('claim-submissions/:id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SubmissionResponse> {
    return responseOf(toClaimSubmissionModel(await this.submissions.get(actor, id)));
  }

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR, Role.AUDITOR)
  @Get('claim-submissions/:id/problems.csv')
  async problemsCsv(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.submissions.get(actor, id);
    csvHeaders(res, `record-problems-${id}.csv`);
    await this.submissions.writeProblemsCsv(actor, id, res);
  }

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR, Role.AUDITOR)
  @Get('claim-submissions/:id/exceptions.csv')
  async exceptionsCsv(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.submissions.get(actor, id);
    csvHeaders(res, `exceptions-${id}.csv`);
    await this.submissions.writeExceptionsCsv(actor, id, res);
  }

  /** `exceptions(filter)` as CSV: the filter's fields as query parameters (`?status=OPEN&stateCode=NY`). */
  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR, Role.AUDITOR)
  @Get('exceptions.csv')
  async stateExceptionsCsv(
    @CurrentActor() actor: Actor,
    @Query() filter: StateExceptionFilterInput,
    @Res() res: Response,
  ): Promise<void> {
    this.stateExceptions.checkMayRead(actor);
    csvHeaders(res, 'exceptions.csv');
    await this.stateExceptions.writeCsv(actor, filter, res);
  }
}

function csvHeaders(res: Response, fileName: string): void {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
}
