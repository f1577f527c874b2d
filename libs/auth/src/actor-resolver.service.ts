import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ErrorCategory, type Actor } from '@lib/common';
import { AuthError, AuthErrorCode } from './auth.errors';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';

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

/** Turns a bearer token into an Actor; the user is re-read so a disabled user stops at once. */
@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: TokenService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async resolve(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      throw new AuthError(
        ErrorCategory.UNAUTHENTICATED,
        AuthErrorCode.TOKEN_MISSING,
        'Sign in first: send "Authorization: Bearer <token>" (the login mutation returns a token)',
      );
    }
    const claims = await this.tokens.verify(match[1]);
    if (!claims)
      throw new AuthError(
        ErrorCategory.UNAUTHENTICATED,
        AuthErrorCode.TOKEN_INVALID,
        'The token is invalid or has expired: sign in again',
      );
    const user = await this.users.findOneBy({ id: claims.sub });
    if (!user)
      throw new AuthError(
        ErrorCategory.UNAUTHENTICATED,
        AuthErrorCode.TOKEN_INVALID,
        'The token names no user: sign in again',
      );
    if (user.disabledAt)
      throw new AuthError(ErrorCategory.UNAUTHENTICATED, AuthErrorCode.USER_DISABLED, 'This user has been disabled');
    return actorOf(user);
  }
}
