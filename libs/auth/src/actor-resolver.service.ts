import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import { type Actor } from '@lib/common';
import { AppConfig } from '@lib/config';
import { AuthError, AuthErrorCode } from './auth.errors';
import { cookieRequestRefusal } from './request-origin';
import { credentialOf, type CredentialSource } from './session-credential';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UserSessionEntity } from './user-session.entity';

export function actorOf(user: UserEntity): Actor {
  return {
    kind: 'user',
    userId: user.id,
    role: user.role,
    label: user.email,
    stateCode: user.stateCode,
    manufacturerId: user.manufacturerId,
  };
}

/** Who a request is, and the session that says so. */
export interface ResolvedSession {
  actor: Actor;
  user: UserEntity;
  sessionId: string;
  expiresAt: Date;
  via: CredentialSource;
}

const unauthenticated = (code: AuthErrorCode, message: string) => new AuthError(code, message);

/**
 * Turns a request's bearer token or session cookie into an Actor. The session and the user are
 * re-read on every request (one query), so a sign-out or a disabled user stops at once in every
 * API process. Cookie-authorized changes must come from this site (CSRF, request-origin.ts).
 */
@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async resolveRequest(req: Request): Promise<ResolvedSession> {
    const credential = this.credentialFor(req);
    return this.resolveToken(credential.token, credential.via);
  }

  /**
   * The token a request presents and where it came from, once its form and (for the cookie) its
   * origin are accepted; throws the error resolveRequest would. The token itself is not checked.
   */
  credentialFor(req: Request): { token: string; via: CredentialSource } {
    const credential = credentialOf(req.headers);
    if (credential.via === 'none') {
      throw unauthenticated(
        AuthErrorCode.TOKEN_MISSING,
        'Sign in first: POST /v1/session in a browser (sets the session cookie), or send "Authorization: Bearer <token>" (the signIn mutation returns a token)',
      );
    }
    if (credential.via === 'malformed-authorization') {
      throw unauthenticated(AuthErrorCode.TOKEN_INVALID, 'The Authorization header must be "Bearer <token>"');
    }
    if (credential.via === 'cookie') this.checkOrigin(req, 'cookie');
    return credential;
  }

  async resolveToken(token: string, via: CredentialSource): Promise<ResolvedSession> {
    const claims = await this.tokens.verify(token);
    if (!claims)
      throw unauthenticated(AuthErrorCode.TOKEN_INVALID, 'The token is invalid or has expired: sign in again');
    const { entities, raw } = await this.users
      .createQueryBuilder('u')
      .innerJoin(UserSessionEntity, 's', 's.userId = u.id')
      .addSelect('s.expiresAt', 'session_expires_at')
      .addSelect('s.endedAt', 'session_ended_at')
      .where('u.id = :userId AND s.id = :sessionId', { userId: claims.sub, sessionId: claims.sid })
      .getRawAndEntities<{ session_expires_at: Date; session_ended_at: Date | null }>();
    const user = entities[0];
    const session = raw[0];
    if (!user || !session)
      throw unauthenticated(AuthErrorCode.TOKEN_INVALID, 'The token names no session: sign in again');
    if (session.session_ended_at !== null) {
      throw unauthenticated(AuthErrorCode.SESSION_ENDED, 'This session has been signed out: sign in again');
    }
    if (session.session_expires_at.getTime() <= Date.now()) {
      throw unauthenticated(AuthErrorCode.TOKEN_INVALID, 'The session has expired: sign in again');
    }
    if (user.disabledAt) throw unauthenticated(AuthErrorCode.USER_DISABLED, 'This user has been disabled');
    return { actor: actorOf(user), user, sessionId: claims.sid, expiresAt: session.session_expires_at, via };
  }

  /** The app's own origin: PUBLIC_ORIGIN, else the scheme and Host the request came in on. */
  ownOrigin(req: Request): string {
    return this.config.web.publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
  }

  /**
   * Refuses a state-changing browser request from another site: always for cookie-authorized
   * requests; for sign-in only when the browser shows where it comes from (login CSRF).
   */
  checkOrigin(req: Request, purpose: 'cookie' | 'sign-in'): void {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const refusal = cookieRequestRefusal({
      method: req.method,
      origin: header('origin'),
      secFetchSite: header('sec-fetch-site'),
      referer: header('referer'),
      ownOrigin: this.ownOrigin(req),
      allowedOrigins: this.config.web.allowedOrigins,
      headersOptional: purpose === 'sign-in',
    });
    if (refusal) {
      throw new AuthError(
        AuthErrorCode.CROSS_SITE_REQUEST,
        purpose === 'cookie'
          ? `Refused: a change authorized by the session cookie must come from this site's own pages, but ${refusal}. Integrations send "Authorization: Bearer <token>" instead of the cookie.`
          : `Refused: signing in must happen on this site's own pages, but ${refusal}.`,
      );
    }
  }
}
