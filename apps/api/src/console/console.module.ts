import { Module } from '@nestjs/common';
import { AuthModule } from '@lib/auth';
import { ConsoleController } from './console.controller';

@Module({ imports: [AuthModule], controllers: [ConsoleController] })
export class ConsoleModule {}
