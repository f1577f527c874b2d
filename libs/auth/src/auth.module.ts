import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorResolver } from './actor-resolver.service';
import { AuthGuard } from './auth.guard';
import { LoginService } from './login.service';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), JwtModule.register({})],
  providers: [TokenService, ActorResolver, LoginService, UsersService, AuthGuard],
  exports: [TokenService, ActorResolver, LoginService, UsersService, AuthGuard],
})
export class AuthModule {}
