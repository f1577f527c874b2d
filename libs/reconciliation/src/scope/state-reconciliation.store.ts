import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@lib/common';
import type { ReconcileStateInput } from '../rules';

/** The inputs of a state's reconciliation that every episode may read, besides its own claims. */
export type StateWideInputs = Pick<
  ReconcileStateInput,
  'catalog' | 'agreements' | 'volumeRates' | 'overrides' | 'observations'
>;

/** What a reconciliation of the state saw of the state-wide inputs (migration 1765100000000). */
export interface StateReconciliationSeen {
  inputsDigest: string;
  latestCipPeriodEnd: IsoDate | null;
  asOf: IsoDate;
}

/** SHA-256 of the state-wide inputs as JSON (decimals as their exact text): equal inputs, equal digests. */
export function inputsDigestOf(inputs: StateWideInputs): string {
  return createHash('sha256')
    .update(
      JSON.stringify([inputs.catalog, inputs.agreements, inputs.volumeRates, inputs.overrides, inputs.observations]),
    )
    .digest('hex');
}

/**
 * `state_reconciliation`: per state, what its last reconciliation saw, written in the
 * transaction of that reconciliation (under the state's lock), so it always describes the
 * episodes, exceptions and ledger the state has now.
 */
export async function lastSeen(manager: EntityManager, stateCode: string): Promise<StateReconciliationSeen | null> {
  const rows = await manager.query<{ inputs_digest: string; latest_cip_period_end: string | null; as_of: string }[]>(
    `SELECT inputs_digest, latest_cip_period_end::text, as_of::text FROM state_reconciliation WHERE state_code = $1`,
    [stateCode],
  );
  const row = rows[0];
  return row
    ? { inputsDigest: row.inputs_digest, latestCipPeriodEnd: row.latest_cip_period_end, asOf: row.as_of }
    : null;
}

export async function recordSeen(
  manager: EntityManager,
  stateCode: string,
  seen: StateReconciliationSeen,
): Promise<void> {
  await manager.query(
    `INSERT INTO state_reconciliation (state_code, inputs_digest, latest_cip_period_end, as_of, reconciled_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (state_code) DO UPDATE SET inputs_digest = EXCLUDED.inputs_digest,
       latest_cip_period_end = EXCLUDED.latest_cip_period_end, as_of = EXCLUDED.as_of, reconciled_at = now()`,
    [stateCode, seen.inputsDigest, seen.latestCipPeriodEnd, seen.asOf],
  );
}

/**
 * Index families of the state's episodes with a PENDING benchmark whose window has ended by the
 * data that decides it (rebate-rules section 5: the latest CLAIMIP END-OF-TIME-PERIOD, today for
 * REPORTED_EVENT): the episodes that a later period or a later day turns MET.
 */
export async function familiesWithEndedPendingWindows(
  manager: EntityManager,
  stateCode: string,
  latestCipPeriodEnd: IsoDate | null,
  asOf: IsoDate,
): Promise<string[]> {
  const rows = await manager.query<{ index_icn: string }[]>(
    `SELECT DISTINCT e.index_icn FROM episode e
      WHERE e.state_code = $1 AND e.status <> 'VOIDED'
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(e.benchmarks) b
                     WHERE b->>'status' = 'PENDING'
                       AND b->>'windowEnd' <= CASE WHEN b->>'measure' = 'REPORTED_EVENT' THEN $3 ELSE $2 END)`,
    [stateCode, latestCipPeriodEnd, asOf],
  );
  return rows.map((row) => row.index_icn);
}
