import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims.module';
import { ClaimFilesController } from '../http/claim-files.controller';
import { ClaimSubmissionsResolver } from './claim-submissions.resolver';

/** The API face of claims (GraphQL and the streaming upload/CSV routes); only apps/api imports it. */
@Module({ imports: [ClaimsModule], providers: [ClaimSubmissionsResolver], controllers: [ClaimFilesController] })
export class ClaimsGraphqlModule {}
