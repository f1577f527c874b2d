import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { Role } from '@lib/common';
import type { AppConfig } from '@lib/config';
import { JobQueue, QueueName } from '@lib/queue';
import {
  createTestDatabase,
  insertUser,
  queryRows,
  signIn,
  startApi,
  startWorker,
  testConfig,
  waitForJob,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import { otFile, otHeader, otLine } from './claim-file-fixtures';

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

/** A TCP relay to the test Redis that the test can take down and bring back (Redis "down"). */
class RedisRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(REDIS.port || 6379), REDIS.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * README "Security", claim files while Redis is down: an upload while Redis is down is answered (the file stored,
 * the submission RECEIVED) instead of hanging, and a submission whose job was lost (Redis lost
 * its data) is found by the sweep and enqueued again.
 */
describe('claim files when the queue is down or lost its data', () => {
  const relay = new RedisRelay();
  let db: TestDatabase;
  let config: AppConfig;
  let api: RunningApi;
  let worker: RunningWorker | null = null;
  let token = '';

  const statusOf = async (id: string): Promise<string> =>
    (await queryRows<{ status: string }>(db.url, 'SELECT status FROM claim_submission WHERE id = $1', [id]))[0].status;

  async function upload(body: Buffer): Promise<{ httpStatus: number; id: string; status: string }> {
    const response = await fetch(`${api.url}/v1/states/NY/claim-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body,
    });
    const { submission } = (await response.json()) as { submission: { id: string; status: string } };
    return { httpStatus: response.status, id: submission.id, status: submission.status };
  }

  async function waitFinal(id: string): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await statusOf(id);
      if (['COMPLETED', 'REJECTED', 'FAILED'].includes(status) || Date.now() > deadline) return status;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    await relay.up();
    db = await createTestDatabase();
    config = testConfig(db.url, {
      REDIS_URL: `redis://127.0.0.1:${relay.port}`,
      CLAIM_ENQUEUE_TIMEOUT_MS: '1000',
      CLAIM_SWEEP_AFTER_SECONDS: '1',
    });
    api = await startApi(config);
    const user = await insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' });
    token = await signIn(api.url, user.email, user.password);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await relay.down();
    await db?.drop();
  });

  it('answers an upload while Redis is down, and the sweep completes both it and a submission whose job Redis lost', async () => {
    // 1. Received while the queue works, then Redis loses the job (no worker runs yet).
    const lost = await upload(otFile([otHeader(1, 'NYLOST1'), otLine(2, 'NYLOST1')]));
    expect(lost).toMatchObject({ httpStatus: 202, status: 'RECEIVED' });
    const queue = api.app.get(JobQueue).queue(QueueName.CLAIM_FILES);
    expect(await queue.getJob(lost.id)).toBeDefined();
    await queue.obliterate({ force: true });
    expect(await queue.getJob(lost.id)).toBeUndefined();

    // Redis clients report every refused reconnect while it is down: expected here.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // 2. Redis down: the answer arrives while it is still down (it used to hang until Redis came back).
    await relay.down();
    const whileDown = await upload(otFile([otHeader(1, 'NYDOWN1'), otLine(2, 'NYDOWN1')]));
    expect(whileDown).toMatchObject({ httpStatus: 202, status: 'RECEIVED' });
    expect(await statusOf(whileDown.id)).toBe('RECEIVED');

    // 3. Redis back, a worker starts; a sweep (the one scheduled at start, or this one) finds the
    // lost submission, whose job nothing else could re-create, and enqueues it again.
    await relay.up();
    await new Promise((r) => setTimeout(r, 500));
    quiet.mockRestore();
    worker = await startWorker(config);
    const jobs = worker.context.get(JobQueue);
    await new Promise((r) => setTimeout(r, 1100)); // CLAIM_SWEEP_AFTER_SECONDS
    await jobs.enqueue(QueueName.CLAIM_FILES, 'sweep-submissions', {}, { jobId: 'sweep-test-1' });
    const sweep = await waitForJob(jobs, QueueName.CLAIM_FILES, 'sweep-test-1');
    expect(await sweep.getState()).toBe('completed');
    expect(await waitFinal(lost.id)).toBe('COMPLETED');
    expect(await waitFinal(whileDown.id)).toBe('COMPLETED');
  });
});
