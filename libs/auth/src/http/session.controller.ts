import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { IsString, MaxLength } from 'class-validator';
import { Public } from '@lib/common';
import { AppConfig } from '@lib/config';
import { toUserModel } from '../graphql/user.model';
import { SESSION_COOKIE } from '../session-credential';
import { SessionService } from '../session.service';
import type { UserEntity } from '../user.entity';

class SessionInput {
  @IsString()
  @MaxLength(320)
  email!: string;

  @IsString()
  @MaxLength(200)
  password!: string;
}

/** What GET and POST /v1/session answer: who is signed in, until when. */
export interface SessionView {
  user: {
    id: string;
    email: string;
    name: string;
    role: string;
    stateCode: string | null;
    manufacturerId: string | null;
  };
  expiresAt: Date;
}

function sessionView(user: UserEntity, expiresAt: Date): SessionView {
  const model = toUserModel(user);
  return {
    user: {
      id: model.id,
      email: model.email,
      name: model.displayName,
      role: model.role,
      stateCode: model.stateCode,
      manufacturerId: model.manufacturerId,
    },
    expiresAt,
  };
}

/**
 * The browser session (README "Portal"), for the portal and the console: signing
 * in sets the HttpOnly, SameSite=Strict `cgt_session` cookie (Secure over HTTPS, also behind a
 * trusted proxy or when PUBLIC_ORIGIN is https), which then authorizes GraphQL and the /v1
 * downloads like a bearer token. The token itself never reaches page scripts.
 */
@Controller('v1/session')
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  async signIn(
    @Body() input: SessionInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    const result = await this.sessions.signIn(req, input.email, input.password);
    res.cookie(SESSION_COOKIE, result.token, { ...this.cookieOptions(req), expires: result.expiresAt });
    res.setHeader('Cache-Control', 'no-store');
    return sessionView(result.user, result.expiresAt);
  }

  @Public()
  @Get()
  async current(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const session = await this.sessions.current(req);
    res.setHeader('Cache-Control', 'no-store');
    return sessionView(session.user, session.expiresAt);
  }

  @Public()
  @Delete()
  @HttpCode(204)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.signOut(req);
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
  }

  private cookieOptions(req: Request): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure || this.config.web.publicOrigin?.startsWith('https:') === true,
      path: '/',
    };
  }
}
