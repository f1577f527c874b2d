import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Allow,
  CurrentActor,
  DateScalar,
  mapConnection,
  Role,
  type Actor,
  type ConnectionShape,
  CachedRead,
} from '@lib/common';
import type { NewDisputeDocument } from '../disputes/dispute-documents';
import { DisputeQueriesService } from '../disputes/dispute-queries.service';
import { DisputeResolutionService } from '../disputes/dispute-resolution.service';
import { DisputesService } from '../disputes/disputes.service';
import { DISPUTE_CODES, type DisputeCode } from '../rules';
import {
  AddDisputeDocumentsInput,
  DisputesArgs,
  OpenDisputeInput,
  ResolveDisputeInput,
  type DisputeDocumentInput,
} from './disputes.inputs';
import {
  DisputeAgingBucketModel,
  DisputeCodeModel,
  DisputeConnection,
  DisputeModel,
  DisputeOutcomeValue,
  toDisputeModel,
} from './disputes.model';

const READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];

function documentsOf(inputs: readonly DisputeDocumentInput[] | null | undefined): NewDisputeDocument[] {
  return (inputs ?? []).map((d) => ({
    fileName: d.fileName,
    contentType: d.contentType,
    content: Buffer.from(d.contentBase64, 'base64'),
  }));
}

@Resolver(() => DisputeModel)
export class DisputesResolver {
  constructor(
    private readonly opening: DisputesService,
    private readonly resolution: DisputeResolutionService,
    private readonly queries: DisputeQueriesService,
  ) {}

  @Allow(...READERS)
  @Query(() => [DisputeCodeModel], { description: 'The MDRP dispute codes a dispute may use.' })
  disputeCodes(): DisputeCodeModel[] {
    return DISPUTE_CODES.map((c) => ({ ...c }));
  }

  @Allow(...READERS)
  @CachedRead()
  @Query(() => DisputeConnection, {
    description:
      'Disputes, newest first, with age, due date and overdue flag (manufacturers: their labeler codes; state staff: their state; coordinators and auditors: all).',
  })
  async disputes(@CurrentActor() actor: Actor, @Args() args: DisputesArgs): Promise<ConnectionShape<DisputeModel>> {
    const f = args.filter ?? {};
    const connection = await this.queries.list(
      actor,
      {
        status: f.status,
        statementId: f.statementId,
        code: f.code as DisputeCode | undefined,
        overdueOnly: f.overdueOnly,
      },
      args,
    );
    return mapConnection(connection, toDisputeModel);
  }

  @Allow(...READERS)
  @CachedRead()
  @Query(() => [DisputeAgingBucketModel], {
    description:
      'Open disputes by age on a day (default today): 0-30, 31-60 and more than 60 days, each with its count and amount (scoped like disputes).',
  })
  async disputeAging(
    @CurrentActor() actor: Actor,
    @Args('asOf', { type: () => DateScalar, nullable: true, description: 'The day ages are counted to.' })
    asOf?: string | null,
  ): Promise<DisputeAgingBucketModel[]> {
    return this.queries.aging(actor, asOf ?? undefined);
  }

  @Allow(...READERS)
  @CachedRead()
  @Query(() => DisputeModel, { description: 'One dispute with its documents and resolution.' })
  async dispute(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<DisputeModel> {
    return toDisputeModel(await this.queries.get(actor, id));
  }

  @Allow(Role.MANUFACTURER_STAFF, Role.FEDERAL_COORDINATOR)
  @Mutation(() => DisputeModel, {
    description:
      'Dispute a line (or the whole) of an issued statement with an MDRP code, a note and supporting documents; the statement becomes DISPUTED.',
  })
  async openDispute(@CurrentActor() actor: Actor, @Args('input') input: OpenDisputeInput): Promise<DisputeModel> {
    const dispute = await this.opening.open(actor, {
      statementId: input.statementId,
      ledgerEntryId: input.ledgerEntryId ?? null,
      lineNumber: input.lineNumber ?? null,
      code: input.code,
      note: input.note,
      documents: documentsOf(input.documents),
    });
    return toDisputeModel(await this.queries.view(dispute));
  }

  @Allow(Role.MANUFACTURER_STAFF, Role.STATE_STAFF, Role.FEDERAL_COORDINATOR)
  @Mutation(() => DisputeModel, { description: 'Attach more supporting documents to an open dispute.' })
  async addDisputeDocuments(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddDisputeDocumentsInput,
  ): Promise<DisputeModel> {
    const dispute = await this.opening.addDocuments(actor, {
      disputeId: input.disputeId,
      documents: documentsOf(input.documents),
    });
    return toDisputeModel(await this.queries.view(dispute));
  }

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR)
  @Mutation(() => DisputeModel, {
    description:
      'Resolve an open dispute. UPHELD records an override and appends the correction at once (it lands on the next open statement); DENIED keeps the amount owed.',
  })
  async resolveDispute(@CurrentActor() actor: Actor, @Args('input') input: ResolveDisputeInput): Promise<DisputeModel> {
    const dispute = await this.resolution.resolve(
      actor,
      input.outcome === DisputeOutcomeValue.UPHELD
        ? { disputeId: input.disputeId, outcome: 'UPHELD', agreedAmount: input.agreedAmount ?? null, note: input.note }
        : { disputeId: input.disputeId, outcome: 'DENIED', note: input.note },
    );
    return toDisputeModel(await this.queries.view(dispute));
  }
}
