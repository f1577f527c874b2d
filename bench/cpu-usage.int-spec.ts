import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminDatabaseUrl } from '@lib/testing';
import { countCpu, cpuSeconds, machineCpu, postgresCpuSeconds, postmasterPid } from './cpu-usage';

/** One tick of /proc's counters, and some slack for rounding at both ends of a difference. */
const TICKS = 0.02;

/** Keeps this process's CPU busy until it has used `seconds` more (CPU time, not wall time). */
function burn(seconds: number): number {
  const start = process.cpuUsage();
  let spent = 0;
  let x = 0;
  while (spent < seconds) {
    for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
    const used = process.cpuUsage(start);
    spent = (used.user + used.system) / 1e6;
  }
  return x > 0 ? spent : 0;
}

/**
 * A Node child that says 'ready' once started, then for each line on its stdin uses `seconds` of
 * CPU and answers on stdout.
 */
async function burner(seconds: number, executable = process.execPath): Promise<ChildProcess> {
  const source = `let x = 0;
    process.stdout.write('ready');
    process.stdin.on('data', () => {
      const s = process.cpuUsage();
      while (true) {
        for (let i = 0; i < 100000; i++) x += Math.sqrt(i);
        const u = process.cpuUsage(s);
        if ((u.user + u.system) / 1e6 >= ${seconds}) break;
      }
      process.stdout.write(x > 0 ? 'done' : 'none');
    });`;
  const child = spawn(executable, ['-e', source], { stdio: ['pipe', 'pipe', 'inherit'] });
  // Node's own start costs a tenth of a second of CPU or more: counted before, not during, the run.
  await once(child.stdout, 'data');
  return child;
}

async function burnIn(child: ChildProcess): Promise<void> {
  const answered = once(child.stdout!, 'data');
  child.stdin!.write('go\n');
  await answered;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the benches’ CPU counters (/proc)', () => {
  it('count a process’s own CPU, and give NaN once it is gone', async () => {
    const before = cpuSeconds(process.pid);
    const spent = burn(0.3);
    const counted = cpuSeconds(process.pid) - before;
    expect(counted).toBeGreaterThanOrEqual(spent - TICKS);
    expect(counted).toBeLessThanOrEqual(spent + 0.1);

    const child = spawn('true');
    await once(child, 'exit');
    expect(cpuSeconds(child.pid)).toBeNaN();
    expect(cpuSeconds(undefined)).toBeNaN();
  });

  it('read the machine’s cores and count its busy time, this process’s included', () => {
    const before = machineCpu();
    const spent = burn(0.3);
    const after = machineCpu();
    expect(after.cores).toBe(cpus().length);
    expect(after.busySeconds - before.busySeconds).toBeGreaterThanOrEqual(spent - TICKS);
  });

  it('count a PostgreSQL backend’s CPU after its session has ended (the postmaster’s reaped children)', async () => {
    const client = new Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    const postmaster = await postmasterPid(client);
    expect(postmaster).toBeDefined();
    expect(readFileSync(`/proc/${postmaster}/comm`, 'utf8').trim()).toBe('postgres');
    expect(postgresCpuSeconds(undefined)).toBeNaN();
    const before = postgresCpuSeconds(postmaster);
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    while (cpuSeconds(pid) < 0.3) await client.query('SELECT count(*) FROM generate_series(1, 1000000)');
    const backend = cpuSeconds(pid);
    await client.end();
    await until(() => !existsSync(`/proc/${pid}`));
    expect(postgresCpuSeconds(postmaster) - before).toBeGreaterThanOrEqual(backend - TICKS);
  });

  it('count one cluster alone: another process named postgres (an embedded cluster a test stops) is not its', async () => {
    // The real cluster's backends serve the tests running beside this one, so their CPU cannot be
    // bounded here: a burner stands in for the cluster's postmaster, and a sibling started as
    // "postgres" (/proc/<pid>/comm names it so) for another cluster's process.
    const dir = await mkdtemp(join(tmpdir(), 'cgt-cpu-'));
    try {
      await symlink(process.execPath, join(dir, 'postgres'));
      const [postmaster, other] = await Promise.all([burner(0.3), burner(0.5, join(dir, 'postgres'))]);
      try {
        expect(readFileSync(`/proc/${other.pid}/comm`, 'utf8').trim()).toBe('postgres');
        const before = postgresCpuSeconds(postmaster.pid);
        const otherBefore = cpuSeconds(other.pid);
        await burnIn(other);
        expect(cpuSeconds(other.pid) - otherBefore).toBeGreaterThanOrEqual(0.5 - TICKS);
        // The stand-in postmaster waits on its stdin meanwhile: it uses next to nothing.
        expect(postgresCpuSeconds(postmaster.pid) - before).toBeLessThan(0.1);
        await burnIn(postmaster);
        expect(postgresCpuSeconds(postmaster.pid) - before).toBeGreaterThanOrEqual(0.3 - TICKS);
      } finally {
        postmaster.kill();
        other.kill();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('attribute a run’s CPU to the API and worker processes it names', async () => {
    const client = new Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    const postmaster = await postmasterPid(client).finally(() => client.end());
    const [api, worker] = await Promise.all([burner(0.3), burner(0.3)]);
    try {
      const spent = countCpu({ api: api.pid, worker: worker.pid, postmaster });
      await burnIn(api);
      const cpu = spent();
      expect(cpu.api).toBeGreaterThanOrEqual(0.3 - TICKS);
      expect(cpu.worker).toBeLessThan(0.1);
      expect(cpu.platform).toBeGreaterThanOrEqual(cpu.api - TICKS);
      expect(cpu.cores).toBe(cpus().length);
      expect(cpu.other).toBeCloseTo(cpu.platform - cpu.api - cpu.worker - cpu.postgres, 10);
      expect(countCpu({ api: undefined, worker: worker.pid, postmaster })().api).toBeNaN();
    } finally {
      api.kill();
      worker.kill();
    }
  });
});
