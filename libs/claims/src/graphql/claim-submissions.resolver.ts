import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Readable } from 'node:stream';
import {
  Allow,
  CurrentActor,
  mapConnection,
  PageArgs,
  Role,
  ScopedTo,
  type Actor,
  type ConnectionShape,
} from '@lib/common';
import { ClaimSubmissionsService } from '../claim-submissions.service';
import { StateExceptionsService } from '../exceptions/state-exceptions.service';
import { ClaimExceptionConnection, toClaimExceptionModel, type ClaimExceptionModel } from './claim-exception.model';
import { ClaimSubmissionConnection, ClaimSubmissionModel, toClaimSubmissionModel } from './claim-submission.model';
import {
  ClaimExceptionsArgs,
  ClaimSubmissionFilterInput,
  GRAPHQL_UPLOAD_MAX_BYTES,
  RecordProblemsArgs,
  StateExceptionFilterInput,
  SubmitClaimFileInput,
} from './claims.inputs';
import { StateExceptionConnection, toStateExceptionModel, type StateExceptionModel } from './state-exception.model';
import { RecordProblemConnection, toRecordProblemModel, type RecordProblemModel } from './record-problem.model';

const READERS = [Role.STATE_STAFF, Role.FEDERAL_COORDINATOR, Role.AUDITOR];

@Resolver(() => ClaimSubmissionModel)
export class ClaimSubmissionsResolver {
  constructor(
    private readonly submissions: ClaimSubmissionsService,
    private readonly stateExceptions: StateExceptionsService,
  ) {}

  @Allow(...READERS)
  @Query(() => ClaimSubmissionConnection, {
    description: 'Claim submissions, newest first (state staff: their own state; coordinators and auditors: all).',
  })
  async claimSubmissions(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: ClaimSubmissionFilterInput,
  ): Promise<ConnectionShape<ClaimSubmissionModel>> {
    return mapConnection(await this.submissions.list(actor, filter ?? {}, page), toClaimSubmissionModel);
  }

  @Allow(...READERS)
  @Query(() => ClaimSubmissionModel, { description: 'One claim submission with its status, progress and counts.' })
  async claimSubmission(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<ClaimSubmissionModel> {
    return toClaimSubmissionModel(await this.submissions.get(actor, id));
  }

  @Allow(...READERS)
  @Query(() => RecordProblemConnection, {
    description: 'Record-level problems of a submission, in file order, optionally of one reason.',
  })
  async recordProblems(
    @CurrentActor() actor: Actor,
    @Args() args: RecordProblemsArgs,
  ): Promise<ConnectionShape<RecordProblemModel>> {
    return mapConnection(
      await this.submissions.problems(actor, { submissionId: args.submissionId, reason: args.reason }, args),
      toRecordProblemModel,
    );
  }

  @Allow(...READERS)
  @Query(() => ClaimExceptionConnection, {
    description: 'Reconciliation exceptions of a submission, optionally of one code.',
  })
  async claimExceptions(
    @CurrentActor() actor: Actor,
    @Args() args: ClaimExceptionsArgs,
  ): Promise<ConnectionShape<ClaimExceptionModel>> {
    return mapConnection(
      await this.submissions.exceptions(actor, { submissionId: args.submissionId, code: args.code }, args),
      toClaimExceptionModel,
    );
  }

  @Allow(...READERS)
  @Query(() => StateExceptionConnection, {
    description:
      'Reconciliation exceptions across submissions, one per (state, code, ICN-ORIG) with its versions, status and what resolved it; ordered by state, code and ICN (state staff: their own state; coordinators and auditors: all). CSV: GET /v1/exceptions.csv.',
  })
  async exceptions(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: StateExceptionFilterInput,
  ): Promise<ConnectionShape<StateExceptionModel>> {
    return mapConnection(await this.stateExceptions.list(actor, filter ?? {}, page), toStateExceptionModel);
  }

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR)
  @ScopedTo({ state: 'input.stateCode' })
  @Mutation(() => ClaimSubmissionModel, {
    description:
      'Submit a small claim file inline (base64). Same pipeline as the HTTP endpoint; the same bytes again return the earlier submission, with duplicateOf naming it.',
  })
  async submitClaimFile(
    @CurrentActor() actor: Actor,
    @Args('input') input: SubmitClaimFileInput,
  ): Promise<ClaimSubmissionModel> {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const result = await this.submissions.receive(actor, {
      stateCode: input.stateCode,
      fileName: input.fileName ?? null,
      body: Readable.from([bytes]),
      maxBytes: GRAPHQL_UPLOAD_MAX_BYTES,
    });
    return toClaimSubmissionModel(result.submission, result);
  }
}
