import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Dec,
  forbidden,
  readScopeOf,
  readScopeParams,
  readScopeSql,
  validationFailed,
  type Actor,
  type Quarter,
} from '@lib/common';

export interface DashboardFilter {
  /** One quarter: the same as fromQuarter = toQuarter = quarter. */
  quarter?: Quarter;
  fromQuarter?: Quarter;
  toQuarter?: Quarter;
  stateCode?: string;
  productId?: string;
}

export interface DashboardRow {
  stateCode: string;
  productId: string;
  productCode: string;
  labelerCode: string;
  treatedEpisodes: number;
  eligibleEpisodes: number;
  outcomeFailures: { benchmarkCode: string; episodes: number }[];
  accrued: { component: string; amount: Dec }[];
  accruedTotal: Dec;
  disputesOpen: number;
}

/**
 * The SQL conditions every dashboard query shares: $1 from quarter, $2 to quarter, $3 state,
 * $4 product, $5 the actor's state scope, $6 the actor's manufacturer scope (null = none).
 * `quarterExpr` is the quarter the row belongs to; `alias` the table with state_code and labeler_code;
 * `productCondition` how a row matches product $4.
 */
function conditions(alias: string, quarterExpr: string, productCondition: string): string {
  return `($1::text IS NULL OR ${quarterExpr} >= $1) AND ($2::text IS NULL OR ${quarterExpr} <= $2)
      AND ($3::text IS NULL OR ${alias}.state_code = $3) AND ($4::uuid IS NULL OR ${productCondition})
      AND ${readScopeSql(alias, '$5', '$6')}`;
}

const EPISODE_QUARTER = `to_char(e.administration_date, 'YYYY"Q"Q')`;

/**
 * Coordinator dashboards ("Outcomes"): per state and product, the treated and eligible
 * episodes administered in the period, episodes failing each benchmark, the ledger accrued by
 * component on the period's statements, and the open disputes on those statements (per labeler:
 * every product of a labeler shows its statements' count). Each figure is one grouped query.
 * Coordinators and auditors see everything, states their own state, manufacturers their own
 * products; no row names a beneficiary.
 */
@Injectable()
export class ProgramDashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dashboard(actor: Actor, filter: DashboardFilter): Promise<DashboardRow[]> {
    const from = filter.quarter ?? filter.fromQuarter ?? null;
    const to = filter.quarter ?? filter.toQuarter ?? null;
    if (filter.quarter && (filter.fromQuarter || filter.toQuarter)) {
      throw validationFailed([{ path: 'filter.quarter', message: 'give either quarter or fromQuarter/toQuarter' }]);
    }
    if (from && to && from > to) {
      throw validationFailed([{ path: 'filter.toQuarter', message: 'must not be before fromQuarter' }]);
    }
    const params = [from, to, filter.stateCode ?? null, filter.productId ?? null, ...this.scopeOf(actor)];
    const run = <T>(sql: string) => this.dataSource.query<T[]>(sql, params);

    const episodes = await run<{ state_code: string; product_id: string; treated: number; eligible: number }>(
      `SELECT e.state_code, e.product_id::text,
              count(*) FILTER (WHERE e.status <> 'VOIDED')::int AS treated,
              count(*) FILTER (WHERE e.status = 'ELIGIBLE')::int AS eligible
         FROM episode e
        WHERE ${conditions('e', EPISODE_QUARTER, 'e.product_id = $4')}
        GROUP BY e.state_code, e.product_id`,
    );
    const failures = await run<{ state_code: string; product_id: string; code: string; episodes: number }>(
      `SELECT e.state_code, e.product_id::text, b.value->>'code' AS code, count(*)::int AS episodes
         FROM episode e CROSS JOIN LATERAL jsonb_array_elements(e.benchmarks) AS b(value)
        WHERE b.value->>'status' = 'NOT_MET' AND e.status = 'ELIGIBLE'
          AND ${conditions('e', EPISODE_QUARTER, 'e.product_id = $4')}
        GROUP BY e.state_code, e.product_id, b.value->>'code'
        ORDER BY code`,
    );
    const accrued = await run<{ state_code: string; product_id: string; component: string; amount: string }>(
      // The per-statement sums the ledger's trigger keeps (migration 1764200001000), not every entry.
      `SELECT l.state_code, l.product_id::text, l.component, sum(l.amount)::text AS amount
         FROM ledger_statement_amount l
        WHERE ${conditions('l', 'l.statement_quarter', 'l.product_id = $4')}
        GROUP BY l.state_code, l.product_id, l.component
        ORDER BY l.component`,
    );
    const disputes = await run<{ state_code: string; labeler_code: string; open: number }>(
      `SELECT s.state_code, s.labeler_code, count(*)::int AS open
         FROM dispute d JOIN statement s ON s.id = d.statement_id
        WHERE d.status = 'OPEN'
          AND ${conditions('s', 's.quarter', 's.labeler_code = (SELECT labeler_code FROM product WHERE id = $4)')}
        GROUP BY s.state_code, s.labeler_code`,
    );
    const products = await this.dataSource.query<{ id: string; code: string; labeler_code: string }[]>(
      'SELECT id::text, code, labeler_code FROM product',
    );
    return assembleRows(
      products,
      episodes,
      failures,
      accrued,
      disputes.map((d) => ({ ...d, open: Number(d.open) })),
    );
  }

  /** [$5 state scope, $6 manufacturer scope]; roles that read nothing are FORBIDDEN. */
  private scopeOf(actor: Actor): [string | null, string | null] {
    const scope = readScopeOf(actor);
    if (scope.kind === 'NONE') throw forbidden('Dashboards are not visible to this role');
    return readScopeParams(scope);
  }
}

type Keyed = { state_code: string; product_id: string };

/** Merges the grouped figures into one row per (state, product), ordered by state then product code. */
export function assembleRows(
  products: { id: string; code: string; labeler_code: string }[],
  episodes: (Keyed & { treated: number; eligible: number })[],
  failures: (Keyed & { code: string; episodes: number })[],
  accrued: (Keyed & { component: string; amount: string })[],
  disputes: { state_code: string; labeler_code: string; open: number }[],
): DashboardRow[] {
  const productById = new Map(products.map((p) => [p.id, p]));
  const rows = new Map<string, DashboardRow>();
  const rowOf = (k: Keyed): DashboardRow => {
    const key = `${k.state_code}|${k.product_id}`;
    const existing = rows.get(key);
    if (existing) return existing;
    const product = productById.get(k.product_id);
    const row: DashboardRow = {
      stateCode: k.state_code,
      productId: k.product_id,
      productCode: product?.code ?? '',
      labelerCode: product?.labeler_code ?? '',
      treatedEpisodes: 0,
      eligibleEpisodes: 0,
      outcomeFailures: [],
      accrued: [],
      accruedTotal: new Dec(0),
      disputesOpen: 0,
    };
    rows.set(key, row);
    return row;
  };
  for (const e of episodes) {
    const row = rowOf(e);
    row.treatedEpisodes = Number(e.treated);
    row.eligibleEpisodes = Number(e.eligible);
  }
  for (const f of failures) rowOf(f).outcomeFailures.push({ benchmarkCode: f.code, episodes: Number(f.episodes) });
  for (const a of accrued) {
    const row = rowOf(a);
    const amount = new Dec(a.amount);
    row.accrued.push({ component: a.component, amount });
    row.accruedTotal = row.accruedTotal.plus(amount);
  }
  const openBy = new Map(disputes.map((d) => [`${d.state_code}|${d.labeler_code}`, d.open]));
  const out = [...rows.values()];
  for (const row of out) row.disputesOpen = openBy.get(`${row.stateCode}|${row.labelerCode}`) ?? 0;
  return out.sort((a, b) => a.stateCode.localeCompare(b.stateCode) || a.productCode.localeCompare(b.productCode));
}
