import { Module } from '@nestjs/common';
import { AuthMaintenanceProcessor } from './auth-maintenance.processor';

/** The auth library's BullMQ processors; only apps/worker imports it. */
@Module({ providers: [AuthMaintenanceProcessor] })
export class AuthWorkerModule {}
