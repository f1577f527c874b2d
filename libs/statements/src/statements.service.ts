import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  Clock,
  forbidden,
  notFound,
  paginateQuery,
  type Actor,
  type ConnectionShape,
  type IsoDate,
  type PageArgs,
  applyReadScope,
  readScopeOf,
} from '@lib/common';
import { StatementEntity } from './entities/statement.entity';
import { StatementCreditEntity, type StatementPaymentEntity } from './entities/payment.entity';
import {
  balanceViewOf,
  interestStartDate,
  parseStatementNumber,
  statementBalances,
  statementInterest,
  statementTotals,
  type InterestResult,
  type StatementBalances,
  type StatementBalanceView,
  type StatementLine,
  type StatementMoney,
  type StatementStatus,
  type StatementTotals,
} from './rules';
import { BalanceFactsReader } from './balance-facts.reader';
import { StatementReader, toPayment, type StoredStatementLine } from './statement-reader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StatementFilter {
  quarter?: string;
  stateCode?: string;
  labelerCode?: string;
  status?: StatementStatus;
}

/** Everything a statement shows, as of a date (README "Statements and payments"). */
export interface StatementAccount {
  statement: StatementEntity;
  asOf: IsoDate;
  lines: StatementLine[];
  totals: StatementTotals;
  payments: StatementPaymentEntity[];
  balances: StatementBalances;
  /** Null for a DRAFT (nothing is due yet) or when the rate table has a gap (see interestProblem). */
  interest: InterestResult | null;
  /** The first day interest runs (day 38 after issue); null for a DRAFT. */
  interestStartsOn: IsoDate | null;
  interestProblem: string | null;
}

/**
 * Scoped reads of statements: lists, one statement, its lines, totals, balances and interest.
 * A DRAFT's lines are live; an ISSUED statement's never change (issuing closed its period).
 */
@Injectable()
export class StatementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: StatementReader,
    private readonly facts: BalanceFactsReader,
    private readonly clock: Clock,
  ) {}

  /**
   * Balances and interest of statements already shown to the caller, as of a day (default today),
   * by statement id: the one balance API of lists, summaries and documents (docs/architecture.md "Fast reads"). Two SQL
   * statements whatever the number of statements and lines (balance-facts.reader.ts); the numbers
   * are the pure rules' (balance-facts.ts), to the cent. Unknown ids are absent from the map.
   */
  async balancesOf(
    statementIds: readonly string[],
    asOf: IsoDate = this.clock.today(),
  ): Promise<Map<string, StatementBalanceView>> {
    const views = new Map<string, StatementBalanceView>();
    if (!statementIds.length) return views;
    const manager = this.dataSource.manager;
    const [facts, rates] = await Promise.all([this.facts.facts(manager, statementIds), this.facts.rates(manager)]);
    for (const [id, f] of facts) views.set(id, balanceViewOf(f, f.issuedOn, asOf, rates));
    return views;
  }

  /** Lines of statements already shown to the caller, in statement order, by statement id (one SQL statement). */
  async linesOf(statementIds: readonly string[]): Promise<Map<string, StoredStatementLine[]>> {
    return this.reader.linesOf(this.dataSource.manager, statementIds);
  }

  /** Payments of statements already shown to the caller, by date received, by statement id (one SQL statement). */
  async paymentsOf(statementIds: readonly string[]): Promise<Map<string, StatementPaymentEntity[]>> {
    return this.reader.paymentRowsOf(this.dataSource.manager, statementIds);
  }

  async list(actor: Actor, filter: StatementFilter, page: PageArgs): Promise<ConnectionShape<StatementEntity>> {
    const qb = this.scoped(actor, this.dataSource.manager, filter);
    return paginateQuery(qb, page, { columns: ['s.number'], valuesOf: (s) => [s.number] });
  }

  /** Statements matching a filter, unpaged, in number order (summaries, bulk issuing). */
  async all(actor: Actor, filter: StatementFilter): Promise<StatementEntity[]> {
    return this.scoped(actor, this.dataSource.manager, filter).orderBy('s.number').getMany();
  }

  async get(actor: Actor, id: string): Promise<StatementEntity> {
    return this.one(actor, 's.id = :id', { id }, id);
  }

  async getByNumber(actor: Actor, number: string): Promise<StatementEntity> {
    return this.one(actor, 's.number = :number', { number }, number);
  }

  /** By (labeler, state, quarter), as the CLI names a statement. */
  async getByKey(
    actor: Actor,
    key: { labelerCode: string; stateCode: string; quarter: string },
  ): Promise<StatementEntity> {
    const state = key.stateCode.toUpperCase();
    return this.one(
      actor,
      's.labeler_code = :labeler AND s.state_code = :state AND s.quarter = :quarter',
      { labeler: key.labelerCode, state, quarter: key.quarter },
      `${state}/${key.labelerCode}/${key.quarter}`,
    );
  }

  /** A number such as CGT-NY-51167-2026Q1, or an id. */
  async getByNumberOrId(actor: Actor, ref: string): Promise<StatementEntity> {
    if (parseStatementNumber(ref)) return this.getByNumber(actor, ref);
    if (!UUID.test(ref)) throw notFound('Statement', ref);
    return this.get(actor, ref);
  }

  async money(statement: StatementEntity): Promise<StatementMoney> {
    return this.reader.money(this.dataSource.manager, statement);
  }

  /** Lines, totals, payments, balances and interest of a statement the caller may read. */
  async account(statement: StatementEntity, asOf: IsoDate = this.clock.today()): Promise<StatementAccount> {
    const manager = this.dataSource.manager;
    const money = await this.reader.money(manager, statement);
    const payments = await this.reader.paymentRows(manager, statement.id);
    const rates = await this.reader.rates(manager);
    let interest: InterestResult | null = null;
    let interestProblem: string | null = null;
    if (statement.issuedOn !== null) {
      try {
        interest = statementInterest(money, statement.issuedOn, asOf, rates);
      } catch (error) {
        // A gap in the coordinator's rate table: show the balances, name the missing rate.
        interestProblem = error instanceof Error ? error.message : String(error);
      }
    }
    return {
      statement,
      asOf,
      lines: [...money.lines],
      totals: statementTotals(statement.quarter, money.lines),
      payments,
      balances: statementBalances({ ...money, payments: payments.map(toPayment) }, asOf),
      interest,
      interestStartsOn: statement.issuedOn === null ? null : interestStartDate(statement.issuedOn),
      interestProblem,
    };
  }

  /** The account of a statement already shown to the caller (GraphQL fields of a scoped parent). */
  async accountById(statementId: string, asOf?: IsoDate): Promise<StatementAccount> {
    const statement = await this.dataSource.manager.findOneByOrFail(StatementEntity, { id: statementId });
    return this.account(statement, asOf);
  }

  /** Credits kept from overpayments on statements already shown to the caller, by statement id. */
  async creditsOf(statementIds: readonly string[]): Promise<Map<string, StatementCreditEntity[]>> {
    const rows = await this.dataSource.manager.find(StatementCreditEntity, {
      where: { statementId: In([...statementIds]) },
      order: { receivedOn: 'ASC', createdAt: 'ASC' },
    });
    const byStatement = new Map<string, StatementCreditEntity[]>();
    for (const row of rows) byStatement.set(row.statementId, [...(byStatement.get(row.statementId) ?? []), row]);
    return byStatement;
  }

  /** The statements the actor may see, narrowed by the filter. */
  private scoped(actor: Actor, manager: EntityManager, filter: StatementFilter): SelectQueryBuilder<StatementEntity> {
    const scope = readScopeOf(actor);
    if (scope.kind === 'NONE') throw forbidden('Statements are not visible to this role');
    const qb = manager.getRepository(StatementEntity).createQueryBuilder('s');
    applyReadScope(qb, scope, 's');
    if (filter.quarter) qb.andWhere('s.quarter = :quarter', { quarter: filter.quarter });
    if (filter.stateCode) qb.andWhere('s.state_code = :stateCode', { stateCode: filter.stateCode.toUpperCase() });
    if (filter.labelerCode) qb.andWhere('s.labeler_code = :labelerCode', { labelerCode: filter.labelerCode });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    return qb;
  }

  /** One statement within the actor's scope; NOT_FOUND outside it. */
  private async one(
    actor: Actor,
    where: string,
    params: Record<string, string>,
    name: string,
  ): Promise<StatementEntity> {
    const qb = this.scoped(actor, this.dataSource.manager, {});
    const statement = await qb.andWhere(where, params).getOne();
    if (!statement) throw notFound('Statement', name);
    return statement;
  }

  today(): IsoDate {
    return this.clock.today();
  }
}
