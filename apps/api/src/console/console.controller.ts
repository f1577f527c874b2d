import { Controller, Get, Header, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@lib/common';
import { CONSOLE_ASSETS } from './console-assets';
import { CONSOLE_EXAMPLES } from './console-examples';
import { CONSOLE_CSS, renderConsolePage, renderConsoleScript } from './console-page';

/** Only this host: scripts, styles, workers and API calls (no CDN, no outside request). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The coordinators' GraphQL console at /console, fully offline; it signs in through /v1/session. */
@Controller('console')
export class ConsoleController {
  private readonly page = renderConsolePage();
  private readonly script = renderConsoleScript(CONSOLE_EXAMPLES);

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'no-store')
  consolePage(): string {
    return this.page;
  }

  @Public()
  @Get('assets/:name')
  asset(@Param('name') name: string, @Req() req: Request, @Res() res: Response): void {
    if (name === 'console.js') {
      res.type('text/javascript').send(this.script);
      return;
    }
    if (name === 'console.css') {
      res.type('text/css').send(CONSOLE_CSS);
      return;
    }
    const found = CONSOLE_ASSETS[name];
    if (!found) throw new NotFoundException(`No console asset ${name}`);
    res.setHeader('ETag', found.etag);
    res.setHeader('Cache-Control', 'public, max-age=86400');
    if (req.headers['if-none-match'] === found.etag) {
      res.status(304).end();
      return;
    }
    res.type(found.contentType).send(found.body);
  }
}
