import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { toTermSheet } from '@lib/agreements';
import { Allow, CurrentActor, PageArgs, Role, type Actor } from '@lib/common';
import { SimulationsService, type SimulateCommand, type SubjectCommand } from '../simulations.service';
import { SimulateTermSheetInput, SimulationSubjectInput } from './simulation.inputs';
import {
  SimulationDefaultsModel,
  TermSheetSimulationConnection,
  TermSheetSimulationModel,
  toDefaultsModel,
  toSimulationModel,
} from './simulation.model';

const RUNNERS = [Role.FEDERAL_COORDINATOR, Role.MANUFACTURER_STAFF, Role.STATE_STAFF];
const READERS = [...RUNNERS, Role.AUDITOR];

function subjectOf(input: SimulationSubjectInput): SubjectCommand {
  return {
    agreementId: input.agreementId,
    versionNumber: input.versionNumber,
    productId: input.productId,
    terms: input.terms ? toTermSheet(input.terms) : null,
  };
}

/** Term-sheet simulations (README "Term-sheet simulator"); access is decided in the service. */
@Resolver(() => TermSheetSimulationModel)
export class SimulationsResolver {
  constructor(private readonly simulations: SimulationsService) {}

  @Allow(...RUNNERS)
  @Mutation(() => TermSheetSimulationModel, {
    description:
      'Queue a Monte Carlo simulation of a term sheet (or a comparison of two); poll termSheetSimulation(id).',
  })
  async simulateTermSheet(
    @CurrentActor() actor: Actor,
    @Args('input') input: SimulateTermSheetInput,
  ): Promise<TermSheetSimulationModel> {
    const command: SimulateCommand = {
      ...input,
      subject: subjectOf(input.subject),
      compareWith: input.compareWith ? subjectOf(input.compareWith) : null,
      states: input.states?.map((s) => ({
        ...s,
        treated: s.treated ? { ...s.treated, dispersion: s.treated.dispersion ?? null } : null,
      })),
      volumePool: input.volumePool
        ? {
            ...input.volumePool,
            treated: { ...input.volumePool.treated, dispersion: input.volumePool.treated.dispersion ?? null },
          }
        : input.volumePool,
      fixedPatients: input.fixedPatients?.map((p) => ({ ...p, events: p.events.map((e) => ({ ...e })) })),
    };
    return toSimulationModel(await this.simulations.simulate(actor, command));
  }

  @Allow(...RUNNERS)
  @Mutation(() => TermSheetSimulationModel, { description: 'Run a stored simulation again (same input and seed).' })
  async rerunTermSheetSimulation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<TermSheetSimulationModel> {
    return toSimulationModel(await this.simulations.rerun(actor, id));
  }

  @Allow(...READERS)
  @Query(() => TermSheetSimulationModel, { description: 'One simulation you may read.' })
  async termSheetSimulation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<TermSheetSimulationModel> {
    return toSimulationModel(await this.simulations.get(actor, id));
  }

  @Allow(...READERS)
  @Query(() => TermSheetSimulationConnection, { description: 'Simulations you may read, newest first.' })
  async termSheetSimulations(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    const connection = await this.simulations.list(actor, page);
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: toSimulationModel(e.node) })) };
  }

  @Allow(...RUNNERS)
  @Query(() => SimulationDefaultsModel, {
    description: 'The assumptions a simulation of this subject gets unless given.',
  })
  async termSheetSimulationDefaults(
    @CurrentActor() actor: Actor,
    @Args('subject') subject: SimulationSubjectInput,
  ): Promise<SimulationDefaultsModel> {
    return toDefaultsModel(await this.simulations.defaults(actor, subjectOf(subject)));
  }
}
