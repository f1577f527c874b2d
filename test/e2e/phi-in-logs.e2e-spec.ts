import Redis from 'ioredis';
import { Role } from '@lib/common';
import {
  casgevyClaimFile,
  createTestDatabase,
  graphql,
  insertUser,
  queryRows,
  runCliProcess,
  signIn,
  startApiProcess,
  startWorkerProcess,
  submitClaimFileAndWait,
  testConfig,
  type AppProcess,
  type TestDatabase,
  WAIT_LIMIT_MS,
} from '@lib/testing';
import type { AppConfig } from '@lib/config';

/** Planted in every value that must not reach a log line, Redis or stderr (case-insensitive). */
const MARKER = 'PHIMARK';
const NAME_AND_DOB = 'Jane Q Doe DOB 1961-04-02';

const REPORT = `mutation($input: ReportOutcomeObservationInput!) { reportOutcomeObservation(input: $input) { id } }`;

/** Every value stored under the test's Redis prefix (jobs, their data, failure reasons, events). */
async function redisValues(config: AppConfig): Promise<string> {
  const redis = new Redis(config.queue.redisUrl ?? 'redis://127.0.0.1:6379');
  try {
    const keys = await redis.keys(`${config.queue.prefix}:*`);
    const values = await Promise.all(
      keys.map(async (key) => {
        const type = await redis.type(key);
        if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
        if (type === 'string') return (await redis.get(key)) ?? '';
        if (type === 'list') return JSON.stringify(await redis.lrange(key, 0, -1));
        if (type === 'zset') return JSON.stringify(await redis.zrange(key, 0, -1));
        if (type === 'set') return JSON.stringify(await redis.smembers(key));
        if (type === 'stream') return JSON.stringify(await redis.xrange(key, '-', '+'));
        return '';
      }),
    );
    return `${keys.join('\n')}\n${values.join('\n')}`;
  } finally {
    redis.disconnect();
  }
}

/**
 * README "Security", row "PHI in logs, Redis and stderr": a database error logged the SQL
 * parameters, so an observation's evidence text with an MSIS id, a name and a date of birth
 * appeared verbatim in the API log. Here the real API, worker and CLI run as processes at
 * LOG_LEVEL=trace, the test database gets check constraints that refuse the planted values, and the
 * paths that carry PHI fail: the observation insert (API), the episode upsert (worker), the claim
 * load (worker) and a user created by the CLI. Every line they print, and every value in Redis, is
 * searched.
 */
describe('no PHI in any log line of the API, the worker or the CLI', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: AppProcess & { url: string };
  let worker: AppProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    for (const sql of [
      `ALTER TABLE outcome_observation ADD CONSTRAINT phi_probe_observation CHECK (evidence_ref NOT LIKE '%${MARKER}%')`,
      `ALTER TABLE episode ADD CONSTRAINT phi_probe_episode CHECK (msis_id NOT LIKE '${MARKER}EP%')`,
      `ALTER TABLE claim_version ADD CONSTRAINT phi_probe_claim CHECK (msis_id NOT LIKE '${MARKER}CL%')`,
      `ALTER TABLE app_user ADD CONSTRAINT phi_probe_user CHECK (display_name NOT LIKE '%${MARKER}%')`,
    ]) {
      await queryRows(db.url, sql);
    }
    await insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' });
    await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR });
    [api, worker] = await Promise.all([
      startApiProcess(config, { LOG_LEVEL: 'trace' }),
      startWorkerProcess(config, WAIT_LIMIT_MS, { LOG_LEVEL: 'trace' }),
    ]);
  });

  afterAll(async () => {
    await api?.kill();
    await worker?.kill();
    await db?.drop();
  });

  it('keeps planted values out of every log line, stderr and Redis while their statements fail', async () => {
    const ny = await signIn(api.url, 'ny@test.gov', 'test-password-123');
    const coordinator = await signIn(api.url, 'coord@test.gov', 'test-password-123');
    const period = { fips: '36', start: '2026-03-01', end: '2026-03-31' };
    const good = await submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: ny },
      'NY',
      'good.txt',
      casgevyClaimFile(period, [{ icn: 'NY2026030100001', msisId: 'MSISGOOD01', date: '2026-03-10' }]),
    );
    expect(good.status).toBe('COMPLETED');
    const [{ episode_ref: episodeRef }] = await queryRows<{ episode_ref: string }>(
      db.url,
      `SELECT episode_ref FROM episode WHERE msis_id = 'MSISGOOD01'`,
    );

    // The API's observation insert: refused by the database (the planted constraint) ...
    const evidence = `${MARKER}-OBS MSIS MSISGOOD01 ${NAME_AND_DOB}`;
    const refused = await graphql(
      api.url,
      REPORT,
      { input: { episodeRef, eventDate: '2026-05-20', eventCode: 'CRISIS', evidenceRef: evidence } },
      ny,
    );
    expect(refused.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
    // ... and with a NUL byte, refused before the database as bad input.
    const withNul = await graphql(
      api.url,
      REPORT,
      { input: { episodeRef, eventDate: '2026-05-20', eventCode: 'CRISIS', evidenceRef: `${evidence}\u0000` } },
      ny,
    );
    expect(withNul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // The worker's episode upsert (NY) and claim load (TX, so that NY's retries do not hold it up).
    const submit = async (usps: string, body: Buffer) => {
      const response = await fetch(`${api.url}/v1/states/${usps}/claim-files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/octet-stream' },
        body,
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { submission: { id: string } }).submission.id;
    };
    const upsert = await submit(
      'NY',
      casgevyClaimFile({ ...period, sequence: 2 }, [
        { icn: 'NY2026030100002', msisId: `${MARKER}EP01`, date: '2026-03-11' },
      ]),
    );
    const load = await submit(
      'TX',
      casgevyClaimFile({ fips: '48', start: '2026-03-01', end: '2026-03-31' }, [
        { icn: 'TX2026030100001', msisId: `${MARKER}CL01`, date: '2026-03-12' },
      ]),
    );
    for (const id of [upsert, load]) {
      for (let i = 0; ; i++) {
        const [row] = await queryRows<{ reason: string | null }>(
          db.url,
          'SELECT last_failure_reason AS reason FROM claim_submission WHERE id = $1',
          [id],
        );
        if (row.reason) break;
        if (i > 300) throw new Error(`submission ${id} did not fail`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    // The CLI: a user whose name the database refuses.
    const cli = await runCliProcess(
      ['create-user', '--email', 'cli-user@test.gov', '--name', `${MARKER}-CLI ${NAME_AND_DOB}`, '--role', 'AUDITOR'],
      config,
      { LOG_LEVEL: 'trace', NEW_USER_PASSWORD: `${MARKER}-password-1` },
    );
    expect(cli.code).toBe(1);

    await new Promise((r) => setTimeout(r, 500));
    const logs = { api: api.output(), worker: worker.output(), cli: cli.output };
    // The failures were logged (redacted): the constraint names show each statement did fail.
    expect(logs.api).toContain('phi_probe_observation');
    expect(logs.worker).toContain('phi_probe_episode');
    expect(logs.worker).toContain('phi_probe_claim');
    expect(logs.cli).toContain('phi_probe_user');
    for (const [app, text] of Object.entries(logs)) {
      const leaks = text.split('\n').filter((line) => new RegExp(`${MARKER}|Jane Q Doe|1961-04-02`, 'i').test(line));
      expect({ app, leaks }).toEqual({ app, leaks: [] });
    }
    expect(await redisValues(config)).not.toMatch(new RegExp(MARKER, 'i'));
  });
});
