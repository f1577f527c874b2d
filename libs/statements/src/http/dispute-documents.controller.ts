import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow, CurrentActor, isAppError, Role, toClientError, type Actor } from '@lib/common';
import { AppConfig } from '@lib/config';
import { DisputeQueriesService } from '../disputes/dispute-queries.service';
import { DisputesService } from '../disputes/disputes.service';
import { toDisputeModel } from '../graphql/disputes.model';
import { StatementError, StatementErrorCode, STATEMENT_HTTP_STATUS } from '../statements.errors';
import { StatementsService } from '../statements.service';
import { readUploadedDocuments } from './dispute-upload';

/** A file name safe inside a quoted content-disposition header. */
function headerFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._ -]/g, '_');
}

/** 413 and 415 for the upload refusals that have their own HTTP status; the usual filter otherwise. */
async function answer(res: Response, status: number, work: () => Promise<unknown>): Promise<void> {
  try {
    const body = await work();
    res.status(status).json(body);
  } catch (error) {
    const specific = isAppError(error) ? STATEMENT_HTTP_STATUS[error.code as StatementErrorCode] : undefined;
    if (specific === undefined) throw error;
    res.status(specific).json({ error: toClientError(error) });
  }
}

/** `lineNumber` of a form: a whole number from 1, or absent. */
function lineNumberField(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (!/^\d{1,6}$/.test(value.trim()) || Number(value) < 1) {
    throw new StatementError(
      StatementErrorCode.DISPUTE_REFUSED,
      `lineNumber: ${JSON.stringify(value.slice(0, 20))} is not a line number (a whole number from 1)`,
      [{ path: 'lineNumber', message: 'a whole number from 1' }],
    );
  }
  return Number(value);
}

/**
 * Dispute documents over HTTP (README "Portal"): real multipart uploads (PDF, PNG or JPEG by content,
 * at most DISPUTE_DOCUMENT_MAX_BYTES each, SHA-256 computed here and answered), a dispute opened
 * with its documents in one request, and the download of a document. Bearer token or session
 * cookie; a cookie-authorized POST must come from this site (the global guard's CSRF rule).
 * Everything goes through DisputesService, like the GraphQL mutations; foreign disputes are 404.
 */
@Controller('v1')
export class DisputeDocumentsController {
  constructor(
    private readonly queries: DisputeQueriesService,
    private readonly disputes: DisputesService,
    private readonly statements: StatementsService,
    private readonly config: AppConfig,
  ) {}

  /** multipart/form-data: one file part per document. 201 with the dispute and every document's SHA-256. */
  @Allow(Role.MANUFACTURER_STAFF, Role.STATE_STAFF, Role.FEDERAL_COORDINATOR)
  @Post('disputes/:id/documents')
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await answer(res, 201, async () => {
      // Scope first: a foreign dispute is 404 before any byte is read.
      await this.queries.get(actor, id);
      const maxDocumentBytes = this.config.api.disputeDocumentMaxBytes;
      const { documents } = await readUploadedDocuments(req, maxDocumentBytes, true);
      const dispute = await this.disputes.addDocuments(actor, { disputeId: id, documents, maxDocumentBytes });
      return { dispute: toDisputeModel(await this.queries.view(dispute)) };
    });
  }

  /**
   * Opens a dispute with its documents in one request (multipart/form-data): fields `code`,
   * `note` and optionally `lineNumber` (or `ledgerEntryId`; neither disputes the whole statement),
   * then the file parts. The statement by number or id. 201 with the dispute.
   */
  @Allow(Role.MANUFACTURER_STAFF, Role.FEDERAL_COORDINATOR)
  @Post('statements/:ref/disputes')
  async open(
    @CurrentActor() actor: Actor,
    @Param('ref') ref: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await answer(res, 201, async () => {
      const statement = await this.statements.getByNumberOrId(actor, ref);
      const maxDocumentBytes = this.config.api.disputeDocumentMaxBytes;
      const { documents, fields } = await readUploadedDocuments(req, maxDocumentBytes, false);
      const dispute = await this.disputes.open(actor, {
        statementId: statement.id,
        ledgerEntryId: fields.ledgerEntryId?.trim() || null,
        lineNumber: lineNumberField(fields.lineNumber),
        code: fields.code ?? '',
        note: fields.note ?? '',
        documents,
        maxDocumentBytes,
      });
      return { dispute: toDisputeModel(await this.queries.view(dispute)) };
    });
  }

  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF)
  @Get('disputes/:id/documents/:documentId')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const document = await this.queries.document(actor, id, documentId);
    res.status(200);
    res.setHeader('content-type', document.contentType);
    res.setHeader('content-length', String(document.content.length));
    res.setHeader(
      'content-disposition',
      `attachment; filename="${headerFileName(document.fileName)}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-content-sha256', document.sha256);
    res.setHeader('cache-control', 'private, no-store');
    res.end(document.content);
  }
}
