import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readScopeOf, readScopeParams, readScopeSql, type Actor, type IsoDate } from '@lib/common';

/** One treated episode of a product, without beneficiary identity (what the simulator's defaults read). */
export interface TreatedEpisodeFact {
  stateCode: string;
  administrationDate: IsoDate;
  eligible: boolean;
  /** Per benchmark code: months(A, E) of the deciding event, or null without one. */
  events: Record<string, number | null>;
}

/**
 * The treatment history of a product as reconciliation last computed it (episodes not voided),
 * within the actor's read scope (readScopeOf: a state its own episodes, a manufacturer its own
 * labeler codes). Read by the term-sheet simulator for its defaults; the episode table stays
 * written by reconciliation only.
 */
@Injectable()
export class TreatmentHistoryReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async treatedEpisodes(actor: Actor, productId: string): Promise<TreatedEpisodeFact[]> {
    const scope = readScopeOf(actor);
    if (scope.kind === 'NONE') return [];
    const rows = await this.dataSource.query<
      { state_code: string; administration_date: string; status: string; benchmarks: unknown }[]
    >(
      `SELECT e.state_code, e.administration_date::text AS administration_date, e.status, e.benchmarks
         FROM episode e
        WHERE e.product_id = $1 AND e.status <> 'VOIDED' AND ${readScopeSql('e', '$2', '$3')}`,
      [productId, ...readScopeParams(scope)],
    );
    return rows.map((r) => ({
      stateCode: r.state_code,
      administrationDate: r.administration_date,
      eligible: r.status === 'ELIGIBLE',
      events: eventsOf(r.benchmarks),
    }));
  }
}

function eventsOf(benchmarks: unknown): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (!Array.isArray(benchmarks)) return out;
  for (const b of benchmarks as { code?: unknown; event?: { months?: unknown } | null }[]) {
    if (typeof b.code !== 'string') continue;
    out[b.code] = b.event && typeof b.event.months === 'number' ? b.event.months : null;
  }
  return out;
}
