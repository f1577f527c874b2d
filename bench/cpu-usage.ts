/**
 * What the benches read of a process's or the machine's CPU, from /proc (Linux, 100 ticks a
 * second): the ingest bench's CPU floor (README "The CPU a file costs") and bench:read-step's
 * staging backends.
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Fields of /proc/<pid>/stat after the command (which may hold spaces), from the state (the 3rd
 * field) on; undefined once the process is gone.
 */
function procStat(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds a process has used so far (/proc/<pid>/stat, 100 ticks a second); NaN once it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const fields = procStat(pid);
  // utime is the 14th field, stime the 15th.
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : NaN;
}

/** A process's command name (/proc/<pid>/comm); undefined once it is gone. */
function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * The PID of the postmaster serving a database: the parent of the backend that answers. One
 * cluster's processes alone are counted: another cluster on the machine (an embedded PostgreSQL a
 * test starts and stops) would add its processes' CPU, then take all of it away when it stops.
 * Undefined when the backend is not a PostgreSQL process of this machine's /proc (a server in a
 * container or elsewhere answers with a PID of its own namespace).
 */
export async function postmasterPid(db: Queryable): Promise<number | undefined> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const backend = rows[0].pid;
  const fields = procStat(backend);
  if (!fields || commandOf(backend) !== 'postgres') return undefined;
  // ppid is the 4th field.
  const parent = Number(fields[1]);
  return commandOf(parent) === 'postgres' ? parent : undefined;
}

/** What postmasterPid asks a database with: a pg Client or Pool. */
interface Queryable {
  query<R extends object>(sql: string): Promise<{ rows: R[] }>;
}

/**
 * CPU seconds one PostgreSQL cluster has used so far: its postmaster's and its live children's
 * own, and what the postmaster has reaped of its ended children (cutime and cstime, the 16th and
 * 17th fields), so a backend that ends during a run still counts. NaN without a postmaster.
 */
export function postgresCpuSeconds(postmaster: number | undefined): number {
  if (postmaster === undefined) return NaN;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const fields = procStat(pid);
    if (!fields) continue;
    const id = Number(pid);
    if (id === postmaster) ticks += Number(fields[13]) + Number(fields[14]);
    if (id === postmaster || Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/**
 * Busy CPU seconds of the whole machine so far (/proc/stat's first line: every field but idle and
 * iowait, 100 ticks a second), and its number of cores. The difference over a run is what every
 * process together spent on it: the API, the worker, PostgreSQL's backends, Redis and the bench.
 */
export function machineCpu(): { busySeconds: number; cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const [, ...ticks] = lines[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is counted in user already)
  const busy = ticks.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
  const cores = lines.filter((line) => /^cpu\d+ /.test(line)).length;
  return { busySeconds: busy / 100, cores };
}

/** CPU seconds spent during a run, by whom. */
export interface CpuSpent {
  /** Every process of the machine but the bench's own (which uploads and polls like a client). */
  platform: number;
  api: number;
  worker: number;
  postgres: number;
  /** Redis, the kernel's own threads and anything else. */
  other: number;
  cores: number;
}

/** Starts counting CPU; the function returned tells what was spent since, by whom. */
export function countCpu(processes: {
  api: number | undefined;
  worker: number | undefined;
  postmaster: number | undefined;
}): () => CpuSpent {
  const before = {
    machine: machineCpu().busySeconds,
    bench: process.cpuUsage(),
    api: cpuSeconds(processes.api),
    worker: cpuSeconds(processes.worker),
    postgres: postgresCpuSeconds(processes.postmaster),
  };
  return () => {
    const machine = machineCpu();
    const bench = process.cpuUsage(before.bench);
    const platform = machine.busySeconds - before.machine - (bench.user + bench.system) / 1e6;
    const api = cpuSeconds(processes.api) - before.api;
    const worker = cpuSeconds(processes.worker) - before.worker;
    const postgres = postgresCpuSeconds(processes.postmaster) - before.postgres;
    return { platform, api, worker, postgres, other: platform - api - worker - postgres, cores: machine.cores };
  };
}
