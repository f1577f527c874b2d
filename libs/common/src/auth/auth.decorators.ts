import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor, Role } from './actor';
import type { AuthenticatedRequest } from '../graphql/graphql-context';

export const PUBLIC_KEY = 'cgt:public';
export const ALLOW_KEY = 'cgt:allow';
export const SCOPE_KEY = 'cgt:scope';

/** Opts an operation out of authentication (login, health, the console page). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The roles that may call an operation. Every query, mutation and route declares it; one that
 * does not is refused (deny by default, style.md habit 5).
 */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOW_KEY, roles);

/**
 * Names, by argument path, the state (USPS code) or manufacturer id that owns what an operation
 * touches, e.g. `@ScopedTo({ state: 'input.stateCode' })`. The guard refuses state or
 * manufacturer staff acting outside their own.
 */
export interface ScopeSpec {
  state?: string;
  manufacturer?: string;
}
export const ScopedTo = (scope: ScopeSpec) => SetMetadata(SCOPE_KEY, scope);

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** The authenticated actor of this request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new Error('CurrentActor used on an operation without an authenticated actor');
  return actor;
});
