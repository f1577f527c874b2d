import type { EntityManager } from 'typeorm';
import { Dec } from '@lib/common';
import type { VolumeRate } from '../rules';

/**
 * rebate-rules section 6: the year-close rate in force per (agreement, contract year). A close
 * stays in force when it is reopened and until a new close of the same year supersedes it, so
 * reopening alone changes no money. At most one close per (agreement, year) is not superseded
 * (a partial unique index). Runs in the caller's transaction, under the state's lock.
 */
export async function readVolumeRates(manager: EntityManager): Promise<VolumeRate[]> {
  const rows = await manager.query<{ agreement_id: string; contract_year: number; tier_pct: string }[]>(
    `SELECT agreement_id, contract_year, tier_pct::text AS tier_pct FROM contract_year_close
      WHERE status <> 'SUPERSEDED' ORDER BY agreement_id, contract_year`,
  );
  return rows.map((r) => ({ agreementId: r.agreement_id, year: r.contract_year, pct: new Dec(r.tier_pct) }));
}
