import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import { ErrorCategory, systemActor } from '@lib/common';
import { AppConfig } from '@lib/config';
import { actorOf } from './actor-resolver.service';
import { AuthError, AuthErrorCode } from './auth.errors';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

/**
 * Password login with throttling: after LOGIN_MAX_FAILURES failures for one email the login is
 * locked for LOGIN_LOCK_SECONDS, whether or not the account exists (no enumeration).
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

  async login(emailInput: string, password: string): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const lockedUntil = await this.lockedUntil(email);
    if (lockedUntil) {
      throw new AuthError(
        ErrorCategory.TOO_MANY_REQUESTS,
        AuthErrorCode.LOGIN_THROTTLED,
        `Too many failed logins for this email; try again after ${lockedUntil.toISOString()}`,
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
      await this.recordFailure(email, user);
      throw new AuthError(
        ErrorCategory.UNAUTHENTICATED,
        AuthErrorCode.INVALID_CREDENTIALS,
        'Invalid email or password',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM login_throttle WHERE login_key = $1', [email]);
      await manager.update(UserEntity, { id: user.id }, { lastLoginAt: () => 'now()' });
      await this.audit.record(manager, actorOf(user), { action: 'user.login', entityType: 'User', entityId: user.id });
    });
    const { token, expiresAt } = await this.tokens.sign({ sub: user.id, role: user.role });
    return { token, expiresAt, user };
  }

  private async lockedUntil(email: string): Promise<Date | null> {
    const rows: { locked_until: Date | null }[] = await this.dataSource.query(
      'SELECT locked_until FROM login_throttle WHERE login_key = $1 AND locked_until > now()',
      [email],
    );
    return rows[0]?.locked_until ?? null;
  }

  private async recordFailure(email: string, user: UserEntity | null): Promise<void> {
    const { loginMaxFailures, loginLockSeconds } = this.config.auth;
    await this.dataSource.transaction(async (manager) => {
      // Failures older than the lock period start a new count.
      await manager.query(
        `INSERT INTO login_throttle AS t (login_key, failures, first_failure_at, locked_until)
         VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $3) END)
         ON CONFLICT (login_key) DO UPDATE SET
           failures = CASE WHEN t.first_failure_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END,
           first_failure_at = CASE WHEN t.first_failure_at < now() - make_interval(secs => $3) THEN now() ELSE t.first_failure_at END,
           locked_until = CASE WHEN t.first_failure_at >= now() - make_interval(secs => $3) AND t.failures + 1 >= $2
                               THEN now() + make_interval(secs => $3) ELSE NULL END`,
        [email, loginMaxFailures, loginLockSeconds],
      );
      if (user) {
        await this.audit.record(manager, systemActor('login'), {
          action: 'user.login_failed',
          entityType: 'User',
          entityId: user.id,
          stateCode: user.stateCode,
          manufacturerId: user.manufacturerId,
        });
      }
    });
    this.logger.warn({ event: 'login_failed', userKnown: Boolean(user) }, 'Failed login');
  }
}
