import { Module } from '@nestjs/common';
import { StatementFilesController } from '../http/statement-files.controller';
import { StatementsModule } from '../statements.module';
import { InterestRatesResolver } from './interest-rates.resolver';
import { StatementsResolver } from './statements.resolver';

/** The API face of statements (GraphQL and the CSV/HTML downloads); only apps/api imports it. */
@Module({
  imports: [StatementsModule],
  providers: [StatementsResolver, InterestRatesResolver],
  controllers: [StatementFilesController],
})
export class StatementsGraphqlModule {}
