/**
 * npm run bench:digest-years [-- --months 120 --digests-per-month 50000 --families 7000 --runs 5]
 *
 * What merging closed years of a state's digests (migration 1765500000000,
 * libs/claims/src/staging/digest-years.sql.ts) saves and costs (README "Closed years of digests").
 * A fresh, migrated database gets `--months` month partitions of one state's digests (Arkansas,
 * the months before the current one), built as a load builds them, with families of one to a few
 * versions spread over the months. Then, the same way before and after the merge:
 * - the probe of the load's family copy (`FAMILY_DIGESTS`, the query a load runs when families
 *   start to matter) for `--families` families in digest order, `--runs` times after a warm-up;
 * - the plan of that probe (planning time from EXPLAIN).
 * Between the two, the merge of every closed year (rollUpDigestYears), timed year by year: the
 * copy and key (without the state's lock) and the last step (under it).
 * PostgreSQL's own work only: no Node process but this one, which waits on the database.
 */
import { Client } from 'pg';
import { Command } from 'commander';
import { createMigrationDataSource, runMigrations, SESSION_OPTIONS } from '@lib/database';
import { FAMILY_DIGESTS } from '../libs/claims/src/staging/claim-staging.sql';
import { rollUpDigestYears } from '../libs/claims/src/staging/digest-years.sql';
import { round, wholeNumber } from './bench-options';
import { admin, dbUrl } from './ingest-stack';

const STATE_FIPS = '05';
const PARENT = `claim_version_digest_${STATE_FIPS}`;
/** Versions a family has on average (an original, sometimes a void or a replacement). */
const VERSIONS_PER_FAMILY = 1.3;

interface Options {
  months: number;
  digestsPerMonth: number;
  families: number;
  runs: number;
}

/** The month partitions, as a load builds them: rows into a new table, its key built, attached. */
async function fill(client: Client, options: Options): Promise<void> {
  const now = new Date();
  const currentMonth = (now.getUTCFullYear() - 2000) * 12 + now.getUTCMonth();
  const familyCount = Math.round((options.months * options.digestsPerMonth) / VERSIONS_PER_FAMILY);
  for (let month = currentMonth - options.months; month < currentMonth; month++) {
    const [{ table }] = (
      await client.query<{ table: string }>(`SELECT claim_digest_month_table($1::regclass, $2)::text AS "table"`, [
        PARENT,
        month,
      ])
    ).rows;
    // A family's 64 bits, then the version's: a family's versions fall in whichever months they fall.
    await client.query(
      `INSERT INTO ${table} (state_fips, digest, receipt_seq, record_number, position, adjudication_date,
                             adjustment_ind, type_of_claim, claim_status, adjudication_month)
       SELECT $1::char(2), (left(md5($1::text || ':' || (hashint8(i::bigint * 100000 + $2::int) & 2147483647) % $4::int), 16)
                   || left(md5($2::int || ':' || i), 16))::uuid,
              1, i, i, date '2000-01-01' + make_interval(months => $2::int), '0', '1', 'P1', $2::int
         FROM generate_series(1, $3::int) i`,
      [STATE_FIPS, month, options.digestsPerMonth, familyCount],
    );
    await client.query(`SELECT claim_digest_attach_month($1::regclass, $2, $3::regclass)`, [PARENT, month, table]);
  }
  await client.query(`ANALYZE claim_version_digest`);
  await client.query(
    `CREATE TABLE bench_family AS
     SELECT (f || '0000000000000000')::uuid AS low, (f || 'ffffffffffffffff')::uuid AS high
       FROM (SELECT DISTINCT left(md5($1::text || ':' || (hashint8(i) & 2147483647) % $3::int), 16) AS f
               FROM generate_series(1, $2::int) i) x`,
    [STATE_FIPS, options.families, familyCount],
  );
}

/** The load's family copy, reading the digests only (the insert into claim_version left out). */
const PROBE = `WITH f AS MATERIALIZED (SELECT low, high FROM bench_family ORDER BY low)
  SELECT count(*)::int AS found FROM f CROSS JOIN LATERAL ${FAMILY_DIGESTS} d WHERE d.receipt_seq <> $1`;

interface ProbeFigures {
  partitions: number;
  found: number;
  probe_ms_median: number;
  probe_ms_min: number;
  plan_ms: number;
}

async function probe(client: Client, runs: number): Promise<ProbeFigures> {
  const params = [0, STATE_FIPS];
  const found = (await client.query<{ found: number }>(PROBE, params)).rows[0].found;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    await client.query(PROBE, params);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (SUMMARY) ${PROBE}`, params);
  const planning = plan.rows.map((r) => r['QUERY PLAN']).find((line) => line.startsWith('Planning Time'));
  const partitions = (
    await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM claim_digest_partitions($1)`, [PARENT])
  ).rows[0].n;
  return {
    partitions,
    found,
    probe_ms_median: round(times[Math.floor(times.length / 2)]),
    probe_ms_min: round(times[0]),
    plan_ms: round(Number(/([\d.]+) ms/.exec(planning ?? '')?.[1] ?? NaN), 2),
  };
}

async function main(options: Options): Promise<void> {
  const name = `cgt_bench_years_${process.pid}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = dbUrl(name);
  // The platform's session settings (no JIT: these probes' estimates are far above their work).
  const client = new Client({ connectionString: url, options: SESSION_OPTIONS });
  try {
    await runMigrations(url);
    await client.connect();
    const fillStarted = Date.now();
    await fill(client, options);
    console.log(
      JSON.stringify({
        step: 'fill',
        months: options.months,
        digests: options.months * options.digestsPerMonth,
        families: options.families,
        seconds: round((Date.now() - fillStarted) / 1000),
      }),
    );
    const before = await probe(client, options.runs);
    console.log(JSON.stringify({ step: 'family copy probe, month partitions', ...before }));
    const dataSource = await createMigrationDataSource(url).initialize();
    try {
      const rolled = await dataSource.transaction((manager) => rollUpDigestYears(manager, PARENT));
      for (const year of rolled) {
        console.log(
          JSON.stringify({
            step: 'merge of a closed year',
            year: year.year,
            digests: year.digests,
            copy_and_key_s: round(year.copyMs / 1000, 2),
            digests_per_s: Math.round(year.digests / (year.copyMs / 1000)),
            under_state_lock_s: round(year.lockedMs / 1000, 2),
          }),
        );
      }
    } finally {
      await dataSource.destroy();
    }
    await client.query(`ANALYZE claim_version_digest`);
    const after = await probe(client, options.runs);
    console.log(JSON.stringify({ step: 'family copy probe, closed years merged', ...after }));
    console.log(
      JSON.stringify({
        step: 'result',
        found_same: before.found === after.found,
        probe_ms_before: before.probe_ms_median,
        probe_ms_after: after.probe_ms_median,
        ratio_after_to_before: round(after.probe_ms_median / before.probe_ms_median, 2),
        partitions_before: before.partitions,
        partitions_after: after.partitions,
      }),
    );
    if (before.found !== after.found) process.exitCode = 1;
  } finally {
    await client.end();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

const program = new Command()
  .option('--months <n>', 'month partitions of one state before the merge', wholeNumber, 120)
  .option('--digests-per-month <n>', 'digests in each month', wholeNumber, 50_000)
  .option('--families <n>', 'families whose earlier versions are copied', wholeNumber, 7000)
  .option('--runs <n>', 'timed probes each way, after one warm-up', wholeNumber, 5)
  .parse();
main(program.opts<Options>()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
