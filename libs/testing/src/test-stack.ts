import { DataSource } from 'typeorm';
import { Role } from '@lib/common';
import type { AppConfig } from '@lib/config';
import { ReconciliationService, type StateReconcileSummary } from '@lib/reconciliation';
import { startApi, type RunningApi } from './api-harness';
import { signIn } from './graphql-client';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testConfig } from './test-config';
import { insertUser, manufacturerIdOf } from './user-factory';
import { startWorker, type RunningWorker } from './worker-harness';

/** A fresh database with the real API and the real worker on it (e2e tests). */
export interface TestStack {
  db: TestDatabase;
  config: AppConfig;
  api: RunningApi;
  worker: RunningWorker;
}

/** Creates a test database, then starts the API (optionally at a fixed time) and the worker on it. */
export async function startTestStack(
  env: Record<string, string> = {},
  apiOptions: Parameters<typeof startApi>[1] = {},
): Promise<TestStack> {
  const db = await createTestDatabase();
  const config = testConfig(db.url, env);
  const api = await startApi(config, apiOptions);
  const worker = await startWorker(config);
  return { db, config, api, worker };
}

/** Stops what startTestStack started (whatever of it did start) and drops the database. */
export async function stopTestStack(stack: Partial<Pick<TestStack, 'db' | 'api' | 'worker'>>): Promise<void> {
  await stack.worker?.close();
  await stack.api?.close();
  await stack.db?.drop();
}

/**
 * The usual cast of e2e tests: state staff of a state by its USPS code (`ny@test.gov`), a
 * coordinator, an auditor, and staff of Vertex (labeler 51167) and Genetix (labeler 73554).
 */
export type CastMember = 'coordinator' | 'auditor' | 'vertex' | 'genetix' | (string & {});

const MANUFACTURER_STAFF: Record<string, { email: string; labelerCode: string }> = {
  vertex: { email: 'v@vertex.test', labelerCode: '51167' },
  genetix: { email: 'g@genetix.test', labelerCode: '73554' },
};

async function castUser(databaseUrl: string, member: CastMember): Promise<Parameters<typeof insertUser>[1]> {
  if (member === 'coordinator') return { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR };
  if (member === 'auditor') return { email: 'auditor@test.gov', role: Role.AUDITOR };
  const staff = MANUFACTURER_STAFF[member];
  if (staff) {
    const manufacturerId = await manufacturerIdOf(databaseUrl, staff.labelerCode);
    return { email: staff.email, role: Role.MANUFACTURER_STAFF, manufacturerId };
  }
  return { email: `${member.toLowerCase()}@test.gov`, role: Role.STATE_STAFF, stateCode: member };
}

/** Inserts the named members of the cast and signs each in: their bearer tokens by name. */
export async function signInCast(
  stack: { db: TestDatabase; api: RunningApi },
  members: readonly CastMember[],
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const member of members) {
    const user = await insertUser(stack.db.url, await castUser(stack.db.url, member));
    tokens[member] = await signIn(stack.api.url, user.email, user.password);
  }
  return tokens;
}

/**
 * Reconciles a state once more in the worker, for a new cause (its own transaction):
 * tests assert that this appends nothing when the ledger already matches the claims.
 */
export function reconcileStateAgain(
  worker: RunningWorker,
  state: { stateCode: string; stateFips: string },
  cause: { id: string; serviceQuarter: string },
): Promise<StateReconcileSummary> {
  return worker.context.get(DataSource).transaction(async (manager) => {
    const [reconciled] = await worker.context
      .get(ReconciliationService)
      .reconcileStateLocked(manager, [state], { type: 'SUBMISSION', ...cause });
    if (!reconciled) throw new Error(`State ${state.stateCode} was not reconciled`);
    return reconciled.summary;
  });
}
