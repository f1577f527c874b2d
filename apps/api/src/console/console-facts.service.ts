import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgreementsService } from '@lib/agreements';
import { Clock, quarterEnd, Role, type Actor, type IsoDate } from '@lib/common';
import { termSheetToJson } from '@lib/simulator';
import { StatementReader, StatementsService } from '@lib/statements';
import { firstOfNextQuarter, lastEndedMonth } from './console-dates';
import type { ConsoleFacts } from './console-facts';

type Row = Record<string, string | number | null>;

/**
 * Where a user's reads stop, as SQL parameters: state staff see their state, manufacturer staff
 * their manufacturer's agreements and labeler codes, coordinators and auditors everything.
 */
interface Scope {
  state: string | null;
  manufacturer: string | null;
}

function scopeOf(actor: Actor): Scope {
  return {
    state: actor.role === Role.STATE_STAFF ? actor.stateCode : null,
    manufacturer: actor.role === Role.MANUFACTURER_STAFF ? actor.manufacturerId : null,
  };
}

const MANUFACTURER_LABELERS = `(SELECT code FROM labeler_code WHERE manufacturer_id = $2::uuid)`;
/** A statement row `s` the scope may read ($1 state, $2 manufacturer). */
const STATEMENT_IN_SCOPE = `($1::text IS NULL OR s.state_code = $1) AND ($2::uuid IS NULL OR s.labeler_code IN ${MANUFACTURER_LABELERS})`;
/** An agreement row `a` the scope may read: states read executed agreements only. */
const AGREEMENT_IN_SCOPE = `($1::text IS NULL OR a.status = 'EXECUTED') AND ($2::uuid IS NULL OR a.manufacturer_id = $2::uuid)`;

/**
 * Reads the facts a user's console examples are filled in from, within what the user may read
 * (the examples then run as that user, so an out-of-scope id would fail the console test).
 */
@Injectable()
export class ConsoleFactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly statements: StatementsService,
    private readonly reader: StatementReader,
    private readonly clock: Clock,
  ) {}

  async factsFor(actor: Actor): Promise<ConsoleFacts> {
    const role = actor.role as Role;
    const today = this.clock.today();
    const scope = scopeOf(actor);
    const coordinator = role === Role.FEDERAL_COORDINATOR;
    const negotiator = coordinator || role === Role.MANUFACTURER_STAFF;
    const state = role === Role.MANUFACTURER_STAFF ? null : await this.state(scope);
    const agreement = await this.agreement(scope);
    const openAmendment = negotiator ? await this.openAmendment(scope, role) : null;
    return {
      role,
      today,
      stateCode: state?.usps ?? null,
      stateFips: state?.fips ?? null,
      labelerCode: await this.labelerCode(scope),
      agreement,
      amendable: negotiator ? await this.amendable(scope, today) : null,
      openAmendment,
      draftProduct: coordinator ? await this.draftProduct(today) : null,
      expirable: coordinator && agreement ? await this.expirable(agreement.id) : null,
      participation: role === Role.STATE_STAFF || coordinator ? await this.participation(scope, today) : null,
      closableYear: coordinator && agreement ? await this.closableYear(agreement, today) : null,
      reopenableYear: coordinator && agreement ? await this.reopenableYear(agreement) : null,
      episode: state && (role === Role.STATE_STAFF || coordinator) ? await this.episode(state.usps, today) : null,
      observation: role === Role.STATE_STAFF || coordinator ? await this.observation(scope) : null,
      statement: await this.statement(scope),
      acknowledgeable: role === Role.MANUFACTURER_STAFF ? await this.acknowledgeable(scope) : null,
      disputableLine: role === Role.MANUFACTURER_STAFF ? await this.disputableLine(actor, scope) : null,
      openDispute: role === Role.STATE_STAFF || coordinator ? await this.openDispute(scope) : null,
      payable: negotiator ? await this.payable(scope, today) : null,
      issuableQuarter: coordinator ? await this.issuableQuarter(today) : null,
      nextRateDate: coordinator ? await this.nextRateDate(today) : null,
      lastMonth: lastEndedMonth(today),
    };
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.dataSource.query<Row[]>(sql, params);
  }

  private params(scope: Scope): unknown[] {
    return [scope.state, scope.manufacturer];
  }

  /** The user's state, or the state with the most completed submissions. */
  private async state(scope: Scope): Promise<{ usps: string; fips: string } | null> {
    const [row] = await this.rows(
      `SELECT j.usps_code AS usps, j.fips_code AS fips
         FROM jurisdiction j
         LEFT JOIN claim_submission c ON c.state_code = j.usps_code AND c.status = 'COMPLETED'
        WHERE $1::text IS NULL OR j.usps_code = $1
        GROUP BY j.usps_code, j.fips_code
        ORDER BY count(c.id) DESC, j.usps_code
        LIMIT 1`,
      [scope.state],
    );
    return row ? { usps: String(row.usps), fips: String(row.fips) } : null;
  }

  private async labelerCode(scope: Scope): Promise<string | null> {
    const [row] = await this.rows(
      `SELECT l.code FROM labeler_code l
        WHERE $1::uuid IS NULL OR l.manufacturer_id = $1::uuid
        ORDER BY EXISTS (SELECT 1 FROM ledger_entry e WHERE e.labeler_code = l.code) DESC, l.code
        LIMIT 1`,
      [scope.manufacturer],
    );
    return row ? String(row.code) : null;
  }

  /** The first executed agreement the user may read (else the first at all). */
  private async agreement(scope: Scope): Promise<ConsoleFacts['agreement']> {
    const [row] = await this.rows(
      `SELECT a.id, p.code AS product, (SELECT max(v.version_number) FROM agreement_version v WHERE v.agreement_id = a.id) AS latest
         FROM agreement a JOIN product p ON p.id = a.product_id
        WHERE ${AGREEMENT_IN_SCOPE}
        ORDER BY a.status = 'EXECUTED' DESC, a.created_at, a.id
        LIMIT 1`,
      this.params(scope),
    );
    return row ? { id: String(row.id), productCode: String(row.product), latestVersion: Number(row.latest) } : null;
  }

  private async openAmendment(scope: Scope, role: Role): Promise<ConsoleFacts['openAmendment']> {
    const side = role === Role.FEDERAL_COORDINATOR ? 'COORDINATOR' : 'MANUFACTURER';
    const [row] = await this.rows(
      `SELECT a.id, p.code AS product, v.version_number
         FROM agreement a JOIN product p ON p.id = a.product_id
         JOIN agreement_version v ON v.agreement_id = a.id AND v.status = 'PROPOSED' AND v.amendment_number > 0
        WHERE ${AGREEMENT_IN_SCOPE} AND a.status = 'EXECUTED'
          AND NOT EXISTS (SELECT 1 FROM negotiation_step s
                           WHERE s.version_id = v.id AND s.action = 'ACCEPTED' AND s.side = $3)
        ORDER BY a.created_at, a.id
        LIMIT 1`,
      [...this.params(scope), side],
    );
    return row
      ? { agreementId: String(row.id), productCode: String(row.product), versionNumber: Number(row.version_number) }
      : null;
  }

  /** An executed agreement with no amendment open: the terms of its latest executed version. */
  private async amendable(scope: Scope, today: IsoDate): Promise<ConsoleFacts['amendable']> {
    const [row] = await this.rows(
      `SELECT a.id, p.code AS product, v.id AS version_id, v.amendment_effective_from::text AS last_effective
         FROM agreement a JOIN product p ON p.id = a.product_id
         JOIN LATERAL (SELECT * FROM agreement_version v WHERE v.agreement_id = a.id AND v.status = 'EXECUTED'
                        ORDER BY v.amendment_number DESC LIMIT 1) v ON true
        WHERE ${AGREEMENT_IN_SCOPE} AND a.status = 'EXECUTED'
          AND NOT EXISTS (SELECT 1 FROM agreement_version o WHERE o.agreement_id = a.id AND o.status = 'PROPOSED')
        ORDER BY a.created_at, a.id
        LIMIT 1`,
      this.params(scope),
    );
    if (!row) return null;
    const terms = (await this.agreements.termsByVersionIds([String(row.version_id)])).get(String(row.version_id));
    if (!terms) return null;
    const after = row.last_effective && String(row.last_effective) > today ? String(row.last_effective) : today;
    return {
      id: String(row.id),
      productCode: String(row.product),
      effectiveFrom: firstOfNextQuarter(after),
      terms: termSheetToJson(terms),
    };
  }

  /**
   * A product to draft an agreement for: one with no agreement yet (from 1 January this year),
   * else the first product's successor agreement, from the day after its last enrollment window.
   */
  private async draftProduct(today: IsoDate): Promise<ConsoleFacts['draftProduct']> {
    const [row] = await this.rows(
      `SELECT p.id, p.code, (SELECT max(a.enrollment_end) + 1 FROM agreement a WHERE a.product_id = p.id)::text AS after
         FROM product p
        ORDER BY EXISTS (SELECT 1 FROM agreement a WHERE a.product_id = p.id), p.code
        LIMIT 1`,
    );
    if (!row) return null;
    const after = row.after ? String(row.after) : null;
    return {
      id: String(row.id),
      code: String(row.code),
      enrollmentStart: after && after > today ? after : `${today.slice(0, 4)}-01-01`,
    };
  }

  /** The most recent executed agreement other than the one the other examples use. */
  private async expirable(keep: string): Promise<ConsoleFacts['expirable']> {
    const [row] = await this.rows(
      `SELECT a.id, p.code AS product FROM agreement a JOIN product p ON p.id = a.product_id
        WHERE a.status = 'EXECUTED' AND a.id <> $1
        ORDER BY a.created_at DESC, a.id LIMIT 1`,
      [keep],
    );
    return row ? { id: String(row.id), productCode: String(row.product) } : null;
  }

  /** An open-ended participation that began by today, in the most recent executed agreement. */
  private async participation(scope: Scope, today: IsoDate): Promise<ConsoleFacts['participation']> {
    const [row] = await this.rows(
      `SELECT sp.id, sp.state_code, p.code AS product, sp.effective_from::text AS effective_from
         FROM state_participation sp JOIN agreement a ON a.id = sp.agreement_id JOIN product p ON p.id = a.product_id
        WHERE a.status = 'EXECUTED' AND sp.effective_to IS NULL AND sp.effective_from <= $2::date
          AND ($1::text IS NULL OR sp.state_code = $1)
        ORDER BY a.created_at DESC, sp.state_code
        LIMIT 1`,
      [scope.state, today],
    );
    return row
      ? {
          id: String(row.id),
          stateCode: String(row.state_code),
          productCode: String(row.product),
          effectiveFrom: String(row.effective_from),
        }
      : null;
  }

  /** Last calendar year, when it fell in the agreement's enrollment window and is not closed. */
  private async closableYear(
    agreement: NonNullable<ConsoleFacts['agreement']>,
    today: IsoDate,
  ): Promise<ConsoleFacts['closableYear']> {
    const year = Number(today.slice(0, 4)) - 1;
    const [row] = await this.rows(
      `SELECT 1 FROM agreement a
        WHERE a.id = $1 AND a.status = 'EXECUTED' AND a.enrollment_start <= make_date($2::int, 12, 31)
          AND NOT EXISTS (SELECT 1 FROM contract_year_close c
                           WHERE c.agreement_id = a.id AND c.contract_year = $2::int AND c.status = 'CLOSED')`,
      [agreement.id, year],
    );
    return row ? { agreementId: agreement.id, productCode: agreement.productCode, year } : null;
  }

  private async reopenableYear(
    agreement: NonNullable<ConsoleFacts['agreement']>,
  ): Promise<ConsoleFacts['reopenableYear']> {
    const [row] = await this.rows(
      `SELECT contract_year FROM contract_year_close WHERE agreement_id = $1 AND status = 'CLOSED'
        ORDER BY contract_year DESC LIMIT 1`,
      [agreement.id],
    );
    return row
      ? { agreementId: agreement.id, productCode: agreement.productCode, year: Number(row.contract_year) }
      : null;
  }

  /** The state's latest eligible episode administered by today with no outcome observation. */
  private async episode(stateCode: string, today: IsoDate): Promise<ConsoleFacts['episode']> {
    const [row] = await this.rows(
      `SELECT e.episode_ref, e.administration_date::text AS administration_date
         FROM episode e
        WHERE e.state_code = $1 AND e.status = 'ELIGIBLE' AND e.administration_date <= $2::date
          AND NOT EXISTS (SELECT 1 FROM outcome_observation o WHERE o.episode_id = e.id)
        ORDER BY e.administration_date DESC, e.episode_ref
        LIMIT 1`,
      [stateCode, today],
    );
    return row ? { episodeRef: String(row.episode_ref), administrationDate: String(row.administration_date) } : null;
  }

  private async observation(scope: Scope): Promise<ConsoleFacts['observation']> {
    const [row] = await this.rows(
      `SELECT o.id, e.episode_ref FROM outcome_observation o JOIN episode e ON e.id = o.episode_id
        WHERE o.withdrawn_at IS NULL AND ($1::text IS NULL OR o.state_code = $1)
        ORDER BY o.reported_at, o.id LIMIT 1`,
      [scope.state],
    );
    return row ? { id: String(row.id), episodeRef: String(row.episode_ref) } : null;
  }

  /** The first issued statement with lines the user may read. */
  private async statement(scope: Scope): Promise<ConsoleFacts['statement']> {
    const [row] = await this.rows(
      `SELECT s.id, s.number FROM statement s
        WHERE s.issued_on IS NOT NULL AND ${STATEMENT_IN_SCOPE}
        ORDER BY s.line_count > 0 DESC, s.issued_on, s.number LIMIT 1`,
      this.params(scope),
    );
    return row ? { id: String(row.id), number: String(row.number) } : null;
  }

  private async acknowledgeable(scope: Scope): Promise<ConsoleFacts['acknowledgeable']> {
    const [row] = await this.rows(
      `SELECT s.id, s.number FROM statement s
        WHERE s.status = 'ISSUED' AND ${STATEMENT_IN_SCOPE}
        ORDER BY s.issued_on, s.number LIMIT 1`,
      this.params(scope),
    );
    return row ? { id: String(row.id), number: String(row.number) } : null;
  }

  /** The largest positive line with no open dispute, on an issued statement not fully paid. */
  private async disputableLine(actor: Actor, scope: Scope): Promise<ConsoleFacts['disputableLine']> {
    const candidates = await this.rows(
      `SELECT s.id FROM statement s
        WHERE s.issued_on IS NOT NULL AND s.status <> 'PAID' AND s.total > 0 AND ${STATEMENT_IN_SCOPE}
        ORDER BY s.issued_on, s.number LIMIT 5`,
      this.params(scope),
    );
    for (const candidate of candidates) {
      const statement = await this.statements.get(actor, String(candidate.id));
      const lines = await this.reader.lines(this.dataSource.manager, statement);
      const disputed = new Set(
        (
          await this.rows(
            `SELECT ledger_entry_id::text AS id FROM dispute WHERE statement_id = $1 AND status = 'OPEN' AND ledger_entry_id IS NOT NULL`,
            [statement.id],
          )
        ).map((r) => String(r.id)),
      );
      let best = -1;
      lines.forEach((line, index) => {
        if (!line.amount.isPositive() || disputed.has(line.lineId)) return;
        if (best < 0 || line.amount.greaterThan(lines[best].amount)) best = index;
      });
      if (best >= 0) return { statementId: statement.id, number: statement.number, lineNumber: best + 1 };
    }
    return null;
  }

  private async openDispute(scope: Scope): Promise<ConsoleFacts['openDispute']> {
    const [row] = await this.rows(
      `SELECT d.id, s.number FROM dispute d JOIN statement s ON s.id = d.statement_id
        WHERE d.status = 'OPEN' AND ${STATEMENT_IN_SCOPE}
        ORDER BY d.opened_on, d.id LIMIT 1`,
      this.params(scope),
    );
    return row ? { id: String(row.id), statementNumber: String(row.number) } : null;
  }

  /**
   * A quarter of what is still unpaid on the first issued statement that bills something, and a
   * wire reference not yet used on it.
   */
  private async payable(scope: Scope, today: IsoDate): Promise<ConsoleFacts['payable']> {
    const [row] = await this.rows(
      `SELECT s.id, s.number, round((s.total - coalesce(p.paid, 0)) / 4, 2)::text AS amount,
              coalesce(p.payments, 0) + 1 AS next
         FROM statement s
         LEFT JOIN (SELECT statement_id, sum(amount) AS paid, count(*)::int AS payments
                      FROM statement_payment GROUP BY statement_id) p
           ON p.statement_id = s.id
        WHERE s.issued_on IS NOT NULL AND s.status <> 'PAID' AND ${STATEMENT_IN_SCOPE}
          AND round((s.total - coalesce(p.paid, 0)) / 4, 2) >= 0.01
        ORDER BY s.issued_on, s.number LIMIT 1`,
      this.params(scope),
    );
    if (!row) return null;
    const reference = `WIRE-${today.replaceAll('-', '')}-${String(row.number).slice(-12)}-${Number(row.next)}`;
    return { id: String(row.id), number: String(row.number), amount: String(row.amount), reference };
  }

  private async issuableQuarter(today: IsoDate): Promise<string | null> {
    const quarters = await this.rows(`SELECT DISTINCT quarter FROM statement WHERE status = 'DRAFT' ORDER BY quarter`);
    const ended = quarters.map((q) => String(q.quarter)).find((q) => quarterEnd(q) < today);
    return ended ?? null;
  }

  private async nextRateDate(today: IsoDate): Promise<IsoDate> {
    const [row] = await this.rows(`SELECT max(effective_from)::text AS latest FROM interest_rate`);
    const latest = row?.latest ? String(row.latest) : null;
    return firstOfNextQuarter(latest && latest > today ? latest : today);
  }
}
