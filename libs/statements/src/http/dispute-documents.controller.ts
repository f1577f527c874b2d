import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentActor, Role, type Actor } from '@lib/common';
import { DisputeQueriesService } from '../disputes/dispute-queries.service';

/** A file name safe inside a quoted content-disposition header. */
function headerFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._ -]/g, '_');
}

/** Downloads a dispute's supporting document, scoped like the dispute (foreign ones are 404). */
@Controller('v1')
export class DisputeDocumentsController {
  constructor(private readonly queries: DisputeQueriesService) {}

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
    res.end(document.content);
  }
}
