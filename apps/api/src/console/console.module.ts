import { Module } from '@nestjs/common';
import { AgreementsModule } from '@lib/agreements';
import { StatementsModule } from '@lib/statements';
import { ConsoleFactsService } from './console-facts.service';
import { ConsoleController } from './console.controller';

@Module({
  imports: [AgreementsModule, StatementsModule],
  controllers: [ConsoleController],
  providers: [ConsoleFactsService],
})
export class ConsoleModule {}
