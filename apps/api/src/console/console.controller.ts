import { Controller, Get, Header, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow, CurrentActor, Public, Role, type Actor } from '@lib/common';
import { consoleAsset } from './console-assets';
import { consoleExamples, PUBLIC_EXAMPLES, type ConsoleExample } from './console-examples';
import { ConsoleFactsService } from './console-facts.service';
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
  private readonly script = renderConsoleScript(PUBLIC_EXAMPLES);

  constructor(private readonly facts: ConsoleFactsService) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'no-store')
  consolePage(): string {
    return this.page;
  }

  /** The signed-in user's examples, filled in with ids and dates of what the user may see now. */
  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF)
  @Get('examples')
  @Header('Cache-Control', 'no-store')
  async examples(@CurrentActor() actor: Actor): Promise<{ role: string; examples: ConsoleExample[] }> {
    return { role: String(actor.role), examples: consoleExamples(await this.facts.factsFor(actor)) };
  }

  @Public()
  @Get('assets/:name')
  async asset(@Param('name') name: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (name === 'console.js') {
      res.type('text/javascript').send(this.script);
      return;
    }
    if (name === 'console.css') {
      res.type('text/css').send(CONSOLE_CSS);
      return;
    }
    const found = await consoleAsset(name);
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
