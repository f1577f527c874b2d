import { Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver';

/** The audit trail query; only apps/api imports it. */
@Module({ providers: [AuditResolver] })
export class AuditGraphqlModule {}
