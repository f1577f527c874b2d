import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { SessionController } from '../http/session.controller';
import { AuthResolver } from './auth.resolver';

/** The API face of auth (GraphQL and /v1/session); only apps/api imports it. */
@Module({ imports: [AuthModule], providers: [AuthResolver], controllers: [SessionController] })
export class AuthGraphqlModule {}
