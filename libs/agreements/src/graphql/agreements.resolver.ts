import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ParseUUIDPipe } from '@nestjs/common';
import {
  Allow,
  connectionFromArray,
  CurrentActor,
  DateScalar,
  mapConnection,
  notFound,
  PageArgs,
  Role,
  ScopedTo,
  type Actor,
  type ConnectionShape,
  type GraphqlContext,
} from '@lib/common';
import {
  JurisdictionModel,
  ManufacturerModel,
  ProductModel,
  ReferenceLoaders,
  toJurisdictionModel,
  toManufacturerModel,
  toProductModel,
} from '@lib/reference';
import { VersionStatus } from '../agreement.entities';
import { AgreementsService } from '../agreements.service';
import { NegotiationService } from '../negotiation.service';
import { ParticipationService } from '../participation.service';
import { versionInForce } from '../terms-in-force';
import {
  AcceptAgreementVersionInput,
  AgreementFilterArgs,
  AgreementStepInput,
  CompareVersionsArgs,
  DraftAgreementInput,
  JoinAgreementInput,
  LeaveAgreementInput,
  ParticipationFilterArgs,
  ProposeAgreementVersionInput,
  ProposeAmendmentInput,
  toTermSheet,
} from './agreement.inputs';
import { AgreementLoaders } from './agreement.loaders';
import {
  AgreementConnection,
  AgreementModel,
  AgreementVersionComparisonModel,
  AgreementVersionConnection,
  AgreementVersionModel,
  NegotiationStepConnection,
  NegotiationStepModel,
  StateParticipationConnection,
  StateParticipationModel,
  TermSheetModel,
  toAgreementModel,
  toAgreementVersionModel,
  toComparisonModel,
  toNegotiationStepModel,
  toStateParticipationModel,
  toTermSheetModel,
} from './agreement.model';

const READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.MANUFACTURER_STAFF, Role.STATE_STAFF];
const NEGOTIATORS = [Role.FEDERAL_COORDINATOR, Role.MANUFACTURER_STAFF];

/** Agreements, negotiation and participation. Thin: decorators plus one service call each. */
@Resolver(() => AgreementModel)
export class AgreementsResolver {
  constructor(
    private readonly agreementsService: AgreementsService,
    private readonly negotiation: NegotiationService,
    private readonly participation: ParticipationService,
  ) {}

  @Allow(...READERS)
  @ScopedTo({ manufacturer: 'manufacturerId' })
  @Query(() => AgreementConnection, {
    description:
      'Agreements the caller may see: coordinators and auditors all; a manufacturer its own; states executed ones.',
  })
  async agreements(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args() filter: AgreementFilterArgs,
  ): Promise<ConnectionShape<AgreementModel>> {
    return mapConnection(await this.agreementsService.list(actor, filter, page), toAgreementModel);
  }

  @Allow(...READERS)
  @Query(() => AgreementModel, { description: 'One agreement; NOT_FOUND when the caller may not see it.' })
  async agreement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<AgreementModel> {
    return toAgreementModel(await this.agreementsService.get(actor, id));
  }

  @Allow(...READERS)
  @Query(() => AgreementVersionComparisonModel, {
    description: 'Field-by-field differences between two versions of an agreement (what negotiators read each round).',
  })
  async compareAgreementVersions(
    @CurrentActor() actor: Actor,
    @Args() args: CompareVersionsArgs,
  ): Promise<AgreementVersionComparisonModel> {
    return toComparisonModel(
      await this.agreementsService.compareVersions(actor, args.agreementId, args.fromVersion, args.toVersion),
    );
  }

  @Allow(...READERS)
  @ScopedTo({ state: 'stateCode' })
  @Query(() => StateParticipationConnection, {
    description: 'Participation records: state staff see only their own state; the others every state they may see.',
  })
  async stateParticipations(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args() filter: ParticipationFilterArgs,
  ): Promise<ConnectionShape<StateParticipationModel>> {
    return mapConnection(
      await this.agreementsService.listParticipations(actor, filter, page),
      toStateParticipationModel,
    );
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => AgreementModel, {
    description: 'Draft a new agreement with its first proposed terms (coordinators).',
  })
  async draftAgreement(
    @CurrentActor() actor: Actor,
    @Args('input') input: DraftAgreementInput,
  ): Promise<AgreementModel> {
    return toAgreementModel(
      await this.negotiation.draft(actor, {
        productId: input.productId,
        terms: toTermSheet(input.terms),
        comment: input.comment,
      }),
    );
  }

  @Allow(...NEGOTIATORS)
  @Mutation(() => AgreementModel, {
    description:
      'Counter-offer: propose a new version of the terms under negotiation (coordinators or the manufacturer).',
  })
  async proposeAgreementVersion(
    @CurrentActor() actor: Actor,
    @Args('input') input: ProposeAgreementVersionInput,
  ): Promise<AgreementModel> {
    return toAgreementModel(
      await this.negotiation.propose(actor, {
        agreementId: input.agreementId,
        terms: toTermSheet(input.terms),
        effectiveFrom: input.effectiveFrom,
        comment: input.comment,
      }),
    );
  }

  @Allow(...NEGOTIATORS)
  @Mutation(() => AgreementModel, {
    description: 'Open an amendment of an executed agreement, in force from its effective date once executed.',
  })
  async proposeAgreementAmendment(
    @CurrentActor() actor: Actor,
    @Args('input') input: ProposeAmendmentInput,
  ): Promise<AgreementModel> {
    return toAgreementModel(
      await this.negotiation.proposeAmendment(actor, {
        agreementId: input.agreementId,
        effectiveFrom: input.effectiveFrom,
        terms: toTermSheet(input.terms),
        comment: input.comment,
      }),
    );
  }

  @Allow(...NEGOTIATORS)
  @Mutation(() => AgreementModel, {
    description: 'Accept the version under negotiation; when both sides have accepted it, it is executed.',
  })
  async acceptAgreementVersion(
    @CurrentActor() actor: Actor,
    @Args('input') input: AcceptAgreementVersionInput,
  ): Promise<AgreementModel> {
    const { agreement, requests } = await this.negotiation.acceptRequesting(actor, input);
    return { ...toAgreementModel(agreement), requestIds: requests.map((r) => r.requestId) };
  }

  @Allow(...NEGOTIATORS)
  @Mutation(() => AgreementModel, {
    description: 'Withdraw the open negotiation (the agreement before execution, otherwise the open amendment).',
  })
  async withdrawAgreementNegotiation(
    @CurrentActor() actor: Actor,
    @Args('input') input: AgreementStepInput,
  ): Promise<AgreementModel> {
    return toAgreementModel(await this.negotiation.withdraw(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => AgreementModel, { description: 'Mark an executed agreement expired (coordinators).' })
  async expireAgreement(
    @CurrentActor() actor: Actor,
    @Args('input') input: AgreementStepInput,
  ): Promise<AgreementModel> {
    const { agreement, requests } = await this.negotiation.expireRequesting(actor, input);
    return { ...toAgreementModel(agreement), requestIds: requests.map((r) => r.requestId) };
  }

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR)
  @ScopedTo({ state: 'input.stateCode' })
  @Mutation(() => StateParticipationModel, {
    description: 'Opt a state into an executed agreement (state staff for their own state; coordinators for any).',
  })
  async joinAgreement(
    @CurrentActor() actor: Actor,
    @Args('input') input: JoinAgreementInput,
  ): Promise<StateParticipationModel> {
    const { participation, requests } = await this.participation.joinRequesting(actor, input);
    return { ...toStateParticipationModel(participation), requestIds: requests.map((r) => r.requestId) };
  }

  @Allow(Role.STATE_STAFF, Role.FEDERAL_COORDINATOR)
  @Mutation(() => StateParticipationModel, { description: 'Leave an agreement: sets the last day of participation.' })
  async leaveAgreement(
    @CurrentActor() actor: Actor,
    @Args('input') input: LeaveAgreementInput,
  ): Promise<StateParticipationModel> {
    const { participation, requests } = await this.participation.leaveRequesting(actor, input);
    return { ...toStateParticipationModel(participation), requestIds: requests.map((r) => r.requestId) };
  }
}

/** Relations of an agreement, each through a DataLoader (the operation's guard has already run). */
@Resolver(() => AgreementModel)
export class AgreementFieldsResolver {
  constructor(
    private readonly loaders: AgreementLoaders,
    private readonly references: ReferenceLoaders,
  ) {}

  @ResolveField(() => ManufacturerModel, { description: 'The manufacturer.' })
  async manufacturer(@Parent() agreement: AgreementModel, @Context() ctx: GraphqlContext): Promise<ManufacturerModel> {
    const found = await this.references.manufacturer(ctx).load(agreement.manufacturerId);
    if (!found) throw notFound('Manufacturer', agreement.manufacturerId);
    return toManufacturerModel(found);
  }

  @ResolveField(() => ProductModel, { description: 'The product.' })
  async product(@Parent() agreement: AgreementModel, @Context() ctx: GraphqlContext): Promise<ProductModel> {
    const found = await this.references.product(ctx).load(agreement.productId);
    if (!found) throw notFound('Product', agreement.productId);
    return toProductModel(found);
  }

  @ResolveField(() => AgreementVersionConnection, {
    description: 'Versions of the term sheet, oldest first (states see executed versions only).',
  })
  async versions(
    @Parent() agreement: AgreementModel,
    @Context() ctx: GraphqlContext,
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<AgreementVersionModel>> {
    const versions = await this.loaders.versions(ctx, actor).load(agreement.id);
    return mapConnection(
      connectionFromArray(versions, page, (v) => [v.versionNumber]),
      toAgreementVersionModel,
    );
  }

  @ResolveField(() => AgreementVersionModel, {
    nullable: true,
    description: 'The latest version the caller may see: the one under negotiation, else the last executed.',
  })
  async latestVersion(
    @Parent() agreement: AgreementModel,
    @Context() ctx: GraphqlContext,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementVersionModel | null> {
    const latest = (await this.loaders.versions(ctx, actor).load(agreement.id)).at(-1);
    return latest ? toAgreementVersionModel(latest) : null;
  }

  @ResolveField(() => AgreementVersionModel, {
    nullable: true,
    description:
      'The executed version whose terms apply to an administration on this date: the original, or the latest amendment in force by then.',
  })
  async termsInForce(
    @Parent() agreement: AgreementModel,
    @Context() ctx: GraphqlContext,
    @CurrentActor() actor: Actor,
    @Args('on', { type: () => DateScalar, description: 'The administration date.' }) on: string,
  ): Promise<AgreementVersionModel | null> {
    const executed = (await this.loaders.versions(ctx, actor).load(agreement.id))
      .filter((v) => v.status === VersionStatus.EXECUTED)
      .map((v) => ({ effectiveFrom: v.amendmentEffectiveFrom, version: v }));
    const inForce = versionInForce(executed, on);
    return inForce ? toAgreementVersionModel(inForce.version) : null;
  }

  @ResolveField(() => NegotiationStepConnection, {
    description: 'Every step of the negotiation, oldest first (empty for state staff: negotiation is confidential).',
  })
  async negotiationSteps(
    @Parent() agreement: AgreementModel,
    @Context() ctx: GraphqlContext,
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<NegotiationStepModel>> {
    const steps = await this.loaders.steps(ctx, actor).load(agreement.id);
    return mapConnection(
      connectionFromArray(steps, page, (step) => [step.id]),
      toNegotiationStepModel,
    );
  }

  @ResolveField(() => StateParticipationConnection, {
    description: 'Participating states (the roster); state staff see only their own state.',
  })
  async participations(
    @Parent() agreement: AgreementModel,
    @Context() ctx: GraphqlContext,
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<StateParticipationModel>> {
    const rows = await this.loaders.participations(ctx, actor).load(agreement.id);
    return mapConnection(
      connectionFromArray(rows, page, (p) => [p.stateCode, p.effectiveFrom]),
      toStateParticipationModel,
    );
  }
}

@Resolver(() => AgreementVersionModel)
export class AgreementVersionFieldsResolver {
  constructor(private readonly loaders: AgreementLoaders) {}

  @ResolveField(() => TermSheetModel, { description: 'The terms of this version.' })
  async terms(@Parent() version: AgreementVersionModel, @Context() ctx: GraphqlContext): Promise<TermSheetModel> {
    const terms = await this.loaders.terms(ctx).load(version.id);
    if (!terms) throw notFound('Agreement version', version.id);
    return toTermSheetModel(terms);
  }
}

@Resolver(() => StateParticipationModel)
export class StateParticipationFieldsResolver {
  constructor(private readonly references: ReferenceLoaders) {}

  @ResolveField(() => JurisdictionModel, { description: 'The participating state.' })
  async jurisdiction(
    @Parent() participation: StateParticipationModel,
    @Context() ctx: GraphqlContext,
  ): Promise<JurisdictionModel> {
    const found = await this.references.jurisdiction(ctx).load(participation.stateCode);
    if (!found) throw notFound('Jurisdiction', participation.stateCode);
    return toJurisdictionModel(found);
  }
}
