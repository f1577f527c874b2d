import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import { ErrorCategory, isAppError } from '@lib/common';
import { ActorResolver, type ResolvedSession } from './actor-resolver.service';
import { LoginService, type LoginResult } from './login.service';

/**
 * Sign-in, the current session and sign-out for browsers (portal and console) and integrators
 * alike: one implementation behind /v1/session.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly login: LoginService,
    private readonly actors: ActorResolver,
    private readonly audit: AuditService,
  ) {}

  /** Password sign-in; a browser's sign-in from a foreign page is refused (login CSRF). */
  signIn(req: Request, email: string, password: string): Promise<LoginResult> {
    this.actors.checkOrigin(req, 'sign-in');
    return this.login.login(email, password);
  }

  current(req: Request): Promise<ResolvedSession> {
    return this.actors.resolveRequest(req);
  }

  /**
   * Ends the request's session in Postgres (every API process refuses its token from then on)
   * and audits it. Signing out without a valid session changes nothing and is not an error; a
   * cross-site cookie request is refused like any other cookie-authorized change.
   */
  async signOut(req: Request): Promise<{ ended: boolean }> {
    let session: ResolvedSession;
    try {
      session = await this.actors.resolveRequest(req);
    } catch (error) {
      if (isAppError(error) && error.category === ErrorCategory.UNAUTHENTICATED) return { ended: false };
      throw error;
    }
    return this.dataSource.transaction(async (manager) => {
      const ended: unknown[] = await manager.query(
        'UPDATE user_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL RETURNING id',
        [session.sessionId],
      );
      if (ended.length === 0) return { ended: false };
      await this.audit.record(manager, session.actor, {
        action: 'user.logout',
        entityType: 'User',
        entityId: session.user.id,
        stateCode: session.user.stateCode,
        manufacturerId: session.user.manufacturerId,
        after: { sessionId: session.sessionId, via: session.via },
      });
      return { ended: true };
    });
  }
}
