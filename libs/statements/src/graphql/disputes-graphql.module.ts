import { Module } from '@nestjs/common';
import { DisputesModule } from '../disputes/disputes.module';
import { DisputeDocumentsController } from '../http/dispute-documents.controller';
import { DisputesResolver } from './disputes.resolver';

/** The API face of disputes (GraphQL and the document download route); only apps/api imports it. */
@Module({ imports: [DisputesModule], providers: [DisputesResolver], controllers: [DisputeDocumentsController] })
export class DisputesGraphqlModule {}
