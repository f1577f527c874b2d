import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import {
  Allow,
  alignToKeys,
  CurrentActor,
  DateScalar,
  loaderFor,
  mapConnection,
  Role,
  type Actor,
  type ConnectionShape,
  type GraphqlContext,
  CachedRead,
} from '@lib/common';
import { StatementPaymentsService } from '../statement-payments.service';
import { StatementSummaryService } from '../statement-summary.service';
import { StatementWorkflowService } from '../statement-workflow.service';
import { StatementsService } from '../statements.service';
import type { StatementPaymentEntity } from '../entities/payment.entity';
import { statementTotals, type StatementBalanceView, type StatementLine } from '../rules';
import {
  StatementBalancesModel,
  StatementConnection,
  StatementCreditModel,
  StatementLineModel,
  StatementModel,
  StatementPaymentModel,
  StatementTotalsModel,
  toBalancesModel,
  toCreditModel,
  toLineModel,
  toPaymentModel,
  toStatementModel,
  toTotalsModel,
} from './statement.model';
import { StatementSummaryModel, toStatementSummaryModel } from './statement-summary.model';
import {
  IssueStatementsInput,
  RecordStatementPaymentInput,
  StatementByNumberArgs,
  StatementsArgs,
  StatementSummaryArgs,
} from './statements.inputs';

/** Everyone who reads statements (each within their scope). */
export const STATEMENT_READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];
const LINES = Symbol('statementLines');
const PAYMENTS = Symbol('statementPayments');
const BALANCES = Symbol('statementBalances');
const CREDITS = Symbol('statementCredits');

@Resolver(() => StatementModel)
export class StatementsResolver {
  constructor(
    private readonly service: StatementsService,
    private readonly workflow: StatementWorkflowService,
    private readonly paymentsService: StatementPaymentsService,
    private readonly summaries: StatementSummaryService,
  ) {}

  @Allow(...STATEMENT_READERS)
  @CachedRead()
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
  @CachedRead()
  @Query(() => StatementModel, { description: 'One statement by id, with its lines, totals, payments and balances.' })
  async statement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<StatementModel> {
    return toStatementModel(await this.service.get(actor, id));
  }

  @Allow(...STATEMENT_READERS)
  @CachedRead()
  @Query(() => StatementModel, { description: 'One statement by its number, e.g. CGT-NY-51167-2026Q1.' })
  async statementByNumber(@CurrentActor() actor: Actor, @Args() args: StatementByNumberArgs): Promise<StatementModel> {
    return toStatementModel(await this.service.getByNumber(actor, args.number));
  }

  @Allow(...STATEMENT_READERS)
  @CachedRead()
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
    const lines = await this.lineLoader(ctx).load(statement.id);
    return lines.map((l, index) => toLineModel(l, statement.quarter, index + 1));
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
    const lines = await this.lineLoader(ctx).load(statement.id);
    const line = Number.isInteger(lineNumber) && lineNumber >= 1 ? lines[lineNumber - 1] : undefined;
    return line ? toLineModel(line, statement.quarter, lineNumber) : null;
  }

  @ResolveField(() => StatementTotalsModel, { description: 'Totals by component, cause and period.' })
  async totals(@Parent() statement: StatementModel, @Context() ctx: GraphqlContext): Promise<StatementTotalsModel> {
    return toTotalsModel(statementTotals(statement.quarter, await this.lineLoader(ctx).load(statement.id)));
  }

  @ResolveField(() => [StatementPaymentModel], { description: 'Payments recorded, by date received.' })
  async payments(
    @Parent() statement: StatementModel,
    @Context() ctx: GraphqlContext,
  ): Promise<StatementPaymentModel[]> {
    const loader = loaderFor(
      ctx,
      PAYMENTS,
      () =>
        new DataLoader<string, StatementPaymentEntity[]>(async (ids) =>
          alignToKeys(ids, await this.service.paymentsOf(ids), []),
        ),
    );
    return (await loader.load(statement.id)).map(toPaymentModel);
  }

  @ResolveField(() => [StatementCreditModel], {
    description: 'Excess of payments recorded as overpayments: credits for the next statement.',
  })
  async credits(@Parent() statement: StatementModel, @Context() ctx: GraphqlContext): Promise<StatementCreditModel[]> {
    const loader = loaderFor(
      ctx,
      CREDITS,
      () =>
        new DataLoader<string, StatementCreditModel[]>(async (ids) => {
          const found = await this.service.creditsOf(ids);
          return ids.map((id) => (found.get(id) ?? []).map(toCreditModel));
        }),
    );
    return loader.load(statement.id);
  }

  @ResolveField(() => StatementBalancesModel, {
    description: 'Paid, disputed and outstanding amounts and interest owed, as of a day (default today).',
  })
  async balances(
    @Parent() statement: StatementModel,
    @Context() ctx: GraphqlContext,
    // A scalar argument, not an args class: this runs once per statement of a page, and the Date
    // scalar has already checked the value (class-validator per field would double a page's cost).
    @Args('asOf', { type: () => DateScalar, nullable: true, description: 'The day to compute for (default today).' })
    asOf: string | null,
  ): Promise<StatementBalancesModel> {
    // One batch per asOf: a page of statements costs two SQL statements (StatementsService.balancesOf).
    const loader = loaderFor(
      ctx,
      BALANCES,
      () =>
        new DataLoader<string, StatementBalanceView>(async (keys) => {
          const byAsOf = new Map<string, string[]>();
          for (const key of keys) {
            const [id, asOf] = key.split('|');
            byAsOf.set(asOf, [...(byAsOf.get(asOf) ?? []), id]);
          }
          const found = new Map<string, StatementBalanceView>();
          for (const [asOf, ids] of byAsOf) {
            const views = await this.service.balancesOf(ids, asOf || undefined);
            for (const [id, view] of views) found.set(`${id}|${asOf}`, view);
          }
          return keys.map((key) => found.get(key) ?? new Error(`Statement ${key.split('|')[0]} not found`));
        }),
    );
    return toBalancesModel(await loader.load(`${statement.id}|${asOf ?? ''}`), statement.dueOn);
  }

  private lineLoader(ctx: GraphqlContext): DataLoader<string, StatementLine[]> {
    return loaderFor(
      ctx,
      LINES,
      () =>
        new DataLoader<string, StatementLine[]>(async (ids) => alignToKeys(ids, await this.service.linesOf(ids), [])),
    );
  }
}
