import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import {
  Allow,
  CurrentActor,
  loaderFor,
  mapConnection,
  Role,
  type Actor,
  type ConnectionShape,
  type GraphqlContext,
} from '@lib/common';
import { StatementPaymentsService } from '../statement-payments.service';
import { StatementSummaryService } from '../statement-summary.service';
import { StatementWorkflowService } from '../statement-workflow.service';
import { StatementsService, type StatementAccount } from '../statements.service';
import {
  StatementBalancesModel,
  StatementConnection,
  StatementLineModel,
  StatementModel,
  StatementPaymentModel,
  StatementTotalsModel,
  toBalancesModel,
  toLineModel,
  toPaymentModel,
  toStatementModel,
  toTotalsModel,
} from './statement.model';
import { StatementSummaryModel, toStatementSummaryModel } from './statement-summary.model';
import {
  AsOfArgs,
  IssueStatementsInput,
  RecordStatementPaymentInput,
  StatementByNumberArgs,
  StatementsArgs,
  StatementSummaryArgs,
} from './statements.inputs';

/** Everyone who reads statements (each within their scope). */
export const STATEMENT_READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];
const ACCOUNTS = Symbol('statementAccounts');

@Resolver(() => StatementModel)
export class StatementsResolver {
  constructor(
    private readonly service: StatementsService,
    private readonly workflow: StatementWorkflowService,
    private readonly paymentsService: StatementPaymentsService,
    private readonly summaries: StatementSummaryService,
  ) {}

  @Allow(...STATEMENT_READERS)
  @Query(() => StatementConnection, {
    description:
      'Rebate statements by number (manufacturers: their own labeler codes in every state; state staff: their state; coordinators and auditors: all).',
  })
  async statements(
    @CurrentActor() actor: Actor,
    @Args() args: StatementsArgs,
  ): Promise<ConnectionShape<StatementModel>> {
    return mapConnection(await this.service.list(actor, args.filter ?? {}, args), toStatementModel);
  }

  @Allow(...STATEMENT_READERS)
  @Query(() => StatementModel, { description: 'One statement by id, with its lines, totals, payments and balances.' })
  async statement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<StatementModel> {
    return toStatementModel(await this.service.get(actor, id));
  }

  @Allow(...STATEMENT_READERS)
  @Query(() => StatementModel, { description: 'One statement by its number, e.g. CGT-NY-51167-2026Q1.' })
  async statementByNumber(@CurrentActor() actor: Actor, @Args() args: StatementByNumberArgs): Promise<StatementModel> {
    return toStatementModel(await this.service.getByNumber(actor, args.number));
  }

  @Allow(...STATEMENT_READERS)
  @Query(() => StatementSummaryModel, {
    description:
      'Cross-state summary: amounts per quarter, state, product and component; billed, paid, disputed, outstanding and interest per quarter and state (scoped like statements).',
  })
  async statementSummary(
    @CurrentActor() actor: Actor,
    @Args() args: StatementSummaryArgs,
  ): Promise<StatementSummaryModel> {
    return toStatementSummaryModel(await this.summaries.summary(actor, args.filter ?? {}, args.asOf));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => StatementModel, {
    description:
      'Issue one DRAFT statement whose quarter has ended: freezes its total and lines and closes its period (later entries land on the next statement).',
  })
  async issueStatement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<StatementModel> {
    return toStatementModel(await this.workflow.issue(actor, id));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => [StatementModel], {
    description: 'Issue every DRAFT statement of an ended quarter (optionally of one state or labeler code).',
  })
  async issueStatements(
    @CurrentActor() actor: Actor,
    @Args('input') input: IssueStatementsInput,
  ): Promise<StatementModel[]> {
    return (await this.workflow.issueQuarter(actor, input)).map(toStatementModel);
  }

  @Allow(Role.MANUFACTURER_STAFF)
  @Mutation(() => StatementModel, {
    description: 'The manufacturer owning the labeler code acknowledges an ISSUED statement.',
  })
  async acknowledgeStatement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<StatementModel> {
    return toStatementModel(await this.workflow.acknowledge(actor, id));
  }

  @Allow(Role.MANUFACTURER_STAFF, Role.FEDERAL_COORDINATOR)
  @Mutation(() => StatementModel, {
    description:
      'Record a remittance against an issued statement (owning manufacturer or a coordinator); a reference already recorded is refused.',
  })
  async recordStatementPayment(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordStatementPaymentInput,
  ): Promise<StatementModel> {
    return toStatementModel((await this.paymentsService.record(actor, input)).statement);
  }

  @ResolveField(() => [StatementLineModel], {
    description: 'The lines in statement order; live while DRAFT, frozen once issued.',
  })
  async lines(@Parent() statement: StatementModel, @Context() ctx: GraphqlContext): Promise<StatementLineModel[]> {
    const account = await this.account(ctx, statement.id, null);
    return account.lines.map((l, index) => toLineModel(l, statement.quarter, index + 1));
  }

  @ResolveField(() => StatementLineModel, {
    nullable: true,
    description: 'The line with this line number (1-based, statement order), or null when there is none.',
  })
  async line(
    @Parent() statement: StatementModel,
    @Context() ctx: GraphqlContext,
    @Args('number', { type: () => Int, description: 'The line number, from 1.' }) lineNumber: number,
  ): Promise<StatementLineModel | null> {
    const account = await this.account(ctx, statement.id, null);
    const line = Number.isInteger(lineNumber) && lineNumber >= 1 ? account.lines[lineNumber - 1] : undefined;
    return line ? toLineModel(line, statement.quarter, lineNumber) : null;
  }

  @ResolveField(() => StatementTotalsModel, { description: 'Totals by component, cause and period.' })
  async totals(@Parent() statement: StatementModel, @Context() ctx: GraphqlContext): Promise<StatementTotalsModel> {
    return toTotalsModel((await this.account(ctx, statement.id, null)).totals);
  }

  @ResolveField(() => [StatementPaymentModel], { description: 'Payments recorded, by date received.' })
  async payments(
    @Parent() statement: StatementModel,
    @Context() ctx: GraphqlContext,
  ): Promise<StatementPaymentModel[]> {
    return (await this.account(ctx, statement.id, null)).payments.map(toPaymentModel);
  }

  @ResolveField(() => StatementBalancesModel, {
    description: 'Paid, disputed and outstanding amounts and interest owed, as of a day (default today).',
  })
  async balances(
    @Parent() statement: StatementModel,
    @Context() ctx: GraphqlContext,
    @Args() args: AsOfArgs,
  ): Promise<StatementBalancesModel> {
    return toBalancesModel(await this.account(ctx, statement.id, args.asOf ?? null));
  }

  private account(ctx: GraphqlContext, id: string, asOf: string | null): Promise<StatementAccount> {
    const loader = loaderFor(
      ctx,
      ACCOUNTS,
      () =>
        new DataLoader<string, StatementAccount>((keys) =>
          Promise.all(
            keys.map((key) => {
              const [statementId, day] = key.split('|');
              return this.service.accountById(statementId, day || undefined);
            }),
          ),
        ),
    );
    return loader.load(`${id}|${asOf ?? ''}`);
  }
}
