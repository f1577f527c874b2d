import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ALLOW_KEY, PUBLIC_KEY, requestOf, Role, SCOPE_KEY, type Actor, type ScopeSpec } from '@lib/common';
import { ActorResolver } from './actor-resolver.service';
import { AuthError, AuthErrorCode } from './auth.errors';

function valueAt(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The one global guard (style.md habit 5): authenticates, then checks the operation's declared
 * roles and the state or manufacturer its arguments name. Services still filter every read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    // Field resolvers run under their parent operation's check.
    if (context.getType<string>() === 'graphql') {
      const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string } }>();
      if (!['Query', 'Mutation', 'Subscription'].includes(info.parentType.name)) return true;
    }
    const request = requestOf(context);
    const actor = request.actor ?? (await this.actors.resolveRequest(request)).actor;
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOW_KEY, targets);
    if (!roles) {
      throw new AuthError(AuthErrorCode.NO_PERMISSION_DECLARED, 'This operation declares no permission and is refused');
    }
    if (!roles.includes(actor.role as Role)) {
      throw new AuthError(AuthErrorCode.ROLE_NOT_ALLOWED, `Role ${actor.role} may not perform this operation`);
    }
    const scope = this.reflector.getAllAndOverride<ScopeSpec | undefined>(SCOPE_KEY, targets);
    if (scope) this.checkScope(actor, scope, this.argumentsOf(context));
    return true;
  }

  private argumentsOf(context: ExecutionContext): unknown {
    if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getArgs();
    const request = context.switchToHttp().getRequest<{ params: unknown; query: unknown }>();
    return { params: request.params, query: request.query };
  }

  private checkScope(actor: Actor, scope: ScopeSpec, args: unknown): void {
    if (actor.role === Role.STATE_STAFF && scope.state) {
      const state = valueAt(args, scope.state);
      if (typeof state === 'string' && state.toUpperCase() !== actor.stateCode) {
        throw new AuthError(AuthErrorCode.OUT_OF_SCOPE, `State staff of ${actor.stateCode} may not act for ${state}`);
      }
    }
    if (actor.role === Role.MANUFACTURER_STAFF && scope.manufacturer) {
      const manufacturer = valueAt(args, scope.manufacturer);
      if (typeof manufacturer === 'string' && manufacturer !== actor.manufacturerId) {
        throw new AuthError(AuthErrorCode.OUT_OF_SCOPE, 'Manufacturer staff may only act for their own manufacturer');
      }
    }
  }
}
