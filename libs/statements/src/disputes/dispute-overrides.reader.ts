import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Dec } from '@lib/common';
import { DisputeOverrides, type Component, type DisputeOverride } from '@lib/reconciliation';

/**
 * rebate-rules section 8: the overrides UPHELD disputes recorded for a state's episodes, the
 * latest per (episode, component) (episode_override is append-only; a later resolution wins).
 * Reconciliation reads them through its DisputeOverrides port.
 */
@Injectable()
export class DisputeOverridesReader extends DisputeOverrides {
  async ofState(manager: EntityManager, stateCode: string): Promise<DisputeOverride[]> {
    const rows = await manager.query<{ episode_key: string; component: string; amount: string }[]>(
      `SELECT DISTINCT ON (o.episode_id, o.component) e.episode_key, o.component, o.amount::text AS amount
         FROM episode_override o
         JOIN episode e ON e.id = o.episode_id
        WHERE e.state_code = $1
        ORDER BY o.episode_id, o.component, o.id DESC`,
      [stateCode],
    );
    return rows.map((r) => ({
      episodeKey: r.episode_key,
      component: r.component as Component,
      amount: new Dec(r.amount),
    }));
  }
}
