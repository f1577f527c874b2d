import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { AuthResolver } from './auth.resolver';

/** The GraphQL face of auth; only apps/api imports it. */
@Module({ imports: [AuthModule], providers: [AuthResolver] })
export class AuthGraphqlModule {}
