import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@lib/config';
import { ActorResolver } from './actor-resolver.service';
import { AuthGuard } from './auth.guard';
import { LoginService } from './login.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UserSessionEntity } from './user-session.entity';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, UserSessionEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      // The HS256 key as a KeyObject, made once: given the secret as text, jsonwebtoken first tries
      // (and fails) to parse it as a public key on every verification, about 1 ms per request (docs/architecture.md "Fast reads").
      useFactory: (config: AppConfig) => {
        const key = createSecretKey(Buffer.from(config.auth.jwtSecret));
        return { secretOrKeyProvider: () => key };
      },
    }),
  ],
  providers: [TokenService, ActorResolver, LoginService, SessionService, UsersService, AuthGuard],
  exports: [TokenService, ActorResolver, LoginService, SessionService, UsersService, AuthGuard],
})
export class AuthModule {}
