import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@lib/config';

export interface TokenClaims {
  sub: string;
  role: string;
}

/** What a valid token carries: the user, the session it belongs to and its expiry. */
export interface SessionClaims extends TokenClaims {
  /** The user_session row; sign-out ends it. */
  sid: string;
  /** Seconds since the epoch; a token without it is refused. */
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Signs and verifies the expiring tokens (HS256 with JWT_SECRET). Every token is a session:
 * signing one records a `user_session` row (and purges the user's long-expired ones), so that
 * sign-out can end it server-side (README "Security").
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.config.auth.jwtTtlSeconds;
    const expiresAt = new Date(exp * 1000);
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH purged AS (
         DELETE FROM user_session WHERE user_id = $1 AND expires_at < now() - interval '1 day'
       )
       INSERT INTO user_session (user_id, expires_at) VALUES ($1, $2) RETURNING id`,
      [claims.sub, expiresAt],
    );
    const sessionId = rows[0].id;
    const payload: SessionClaims & { iat: number } = { sub: claims.sub, role: claims.role, sid: sessionId, iat, exp };
    const token = await this.jwt.signAsync(payload, { secret: this.config.auth.jwtSecret, algorithm: 'HS256' });
    return { token, expiresAt, sessionId };
  }

  /** The claims of a well-signed, unexpired token that names a user and a session (both UUIDs) and has `exp`. */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      // The key comes from the module (a KeyObject of JWT_SECRET, auth.module.ts).
      const claims = await this.jwt.verifyAsync<Partial<SessionClaims>>(token, { algorithms: ['HS256'] });
      if (typeof claims.exp !== 'number' || !isUuid(claims.sub) || !isUuid(claims.sid)) return null;
      return { sub: claims.sub, role: String(claims.role), sid: claims.sid, exp: claims.exp };
    } catch {
      return null;
    }
  }
}
