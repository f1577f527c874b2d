import { Module } from '@nestjs/common';
import { DisputesModule } from '../disputes/disputes.module';
import { DisputeDocumentsController } from '../http/dispute-documents.controller';
import { StatementsModule } from '../statements.module';
import { DisputesResolver } from './disputes.resolver';

/** The API face of disputes (GraphQL, document upload and download routes); only apps/api imports it. */
@Module({
  imports: [DisputesModule, StatementsModule],
  providers: [DisputesResolver],
  controllers: [DisputeDocumentsController],
})
export class DisputesGraphqlModule {}
