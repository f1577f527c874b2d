import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorResolver } from './actor-resolver.service';
import { AuthGuard } from './auth.guard';
import { LoginService } from './login.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UserSessionEntity } from './user-session.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, UserSessionEntity]), JwtModule.register({})],
  providers: [TokenService, ActorResolver, LoginService, SessionService, UsersService, AuthGuard],
  exports: [TokenService, ActorResolver, LoginService, SessionService, UsersService, AuthGuard],
})
export class AuthModule {}
