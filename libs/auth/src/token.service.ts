import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@lib/config';

export interface TokenClaims {
  sub: string;
  role: string;
}

/** Signs and verifies the expiring bearer tokens (HS256 with JWT_SECRET). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const ttl = this.config.auth.jwtTtlSeconds;
    const token = await this.jwt.signAsync(claims, {
      secret: this.config.auth.jwtSecret,
      expiresIn: ttl,
      algorithm: 'HS256',
    });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        secret: this.config.auth.jwtSecret,
        algorithms: ['HS256'],
      });
      return typeof claims.sub === 'string' ? claims : null;
    } catch {
      return null;
    }
  }
}
