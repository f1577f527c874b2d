import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import { RequestContext, systemActor } from '@lib/common';
import { AppConfig } from '@lib/config';
import { actorOf } from './actor-resolver.service';
import { AuthError, AuthErrorCode } from './auth.errors';
import { reserveLoginAttempt, type ThrottleDecision } from './login-throttle';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

/**
 * Password login with throttling per email and client address (login-throttle.ts): the attempt is
 * reserved in Postgres, under the row's lock, before the slow password check, so parallel
 * requests (also to several API processes) cannot get past LOGIN_MAX_FAILURES, and an attacker's
 * address is slowed down without locking the owner out. Unknown emails are throttled alike (no
 * enumeration).
 */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** `clientAddress` defaults to the HTTP request's (request context); operator tools have none. */
  async login(
    emailInput: string,
    password: string,
    clientAddress = RequestContext.current().clientAddress ?? 'local',
  ): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const key = { email, client: clientAddress.slice(0, 100) };
    const decision = await this.reserveAttempt(key);
    if (!decision.allowed) {
      this.logger.warn(
        { event: 'login_throttled', attempts: decision.attempts },
        'Sign-in attempt refused (throttled)',
      );
      throw new AuthError(
        AuthErrorCode.LOGIN_THROTTLED,
        `Too many sign-in attempts for this email from this address; try again after ${decision.retryAt.toISOString()}`,
      );
    }
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !valid || user.disabledAt) {
      await this.recordFailure(user);
      throw new AuthError(AuthErrorCode.INVALID_CREDENTIALS, 'Invalid email or password');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM login_throttle WHERE login_key = $1 AND client_key = $2', [
        key.email,
        key.client,
      ]);
      await manager.update(UserEntity, { id: user.id }, { lastLoginAt: () => 'now()' });
      await this.audit.record(manager, actorOf(user), { action: 'user.login', entityType: 'User', entityId: user.id });
    });
    const { token, expiresAt } = await this.tokens.sign({ sub: user.id, role: user.role });
    return { token, expiresAt, user };
  }

  /** Counts the attempt (or refuses it) under the row lock, in the database's clock. */
  private reserveAttempt(key: { email: string; client: string }): Promise<ThrottleDecision> {
    const limits = {
      freeAttempts: this.config.auth.loginMaxFailures,
      maxDelaySeconds: this.config.auth.loginLockSeconds,
    };
    return this.dataSource.transaction(async (manager) => {
      const params = [key.email, key.client];
      await manager.query(
        `INSERT INTO login_throttle (login_key, client_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        params,
      );
      const [row] = await manager.query<ThrottleRow[]>(
        `SELECT attempts, last_attempt_at, next_attempt_at, now() AS now
           FROM login_throttle WHERE login_key = $1 AND client_key = $2 FOR UPDATE`,
        params,
      );
      const decision = reserveLoginAttempt(
        { attempts: row.attempts, lastAttemptAt: row.last_attempt_at, nextAttemptAt: row.next_attempt_at },
        row.now,
        limits,
      );
      if (decision.allowed) {
        await manager.query(
          `UPDATE login_throttle SET attempts = $3, last_attempt_at = $4, next_attempt_at = $5
            WHERE login_key = $1 AND client_key = $2`,
          [...params, decision.state.attempts, decision.state.lastAttemptAt, decision.state.nextAttemptAt],
        );
      }
      return decision;
    });
  }

  private async recordFailure(user: UserEntity | null): Promise<void> {
    if (user) {
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, systemActor('login'), {
          action: 'user.login_failed',
          entityType: 'User',
          entityId: user.id,
          stateCode: user.stateCode,
          manufacturerId: user.manufacturerId,
        }),
      );
    }
    this.logger.warn({ event: 'login_failed', userKnown: Boolean(user) }, 'Failed login');
  }
}

interface ThrottleRow {
  attempts: number;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  now: Date;
}
