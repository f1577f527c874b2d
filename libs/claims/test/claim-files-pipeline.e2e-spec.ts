import { gzipSync } from 'node:zlib';
import { Role } from '@lib/common';
import type { AppConfig } from '@lib/config';
import {
  createTestDatabase,
  queryRows,
  graphqlOk,
  insertUser,
  signIn,
  startApi,
  startWorker,
  testConfig,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
  WAIT_LIMIT_MS,
  waitForJob,
} from '@lib/testing';
import { JobQueue, QueueName } from '@lib/queue';
import { ClaimVersionsService } from '../src/claim-versions.service';
import { DigestYearRollUps } from '../src/digest-year-roll-ups.service';
import { otFile, otHeader, otLine, workedExampleFile } from './claim-file-fixtures';
import { DataSource } from 'typeorm';

interface Counts {
  records: number;
  skippedRecords: number;
  problems: number;
  claimHeaders: number;
  claimVersions: number;
  repeats: number;
  cgtLines: number;
  relevantDiagnoses: number;
  exceptionsByCode: { code: string; count: number }[];
}

interface SubmissionView {
  id: string;
  status: string;
  rejectionCode: string | null;
  rejectionReason: string | null;
  progress: { recordsRead: number; recordsTotal: number | null; bytesRead: number; totalBytes: number };
  counts: Counts | null;
  periodStart: string | null;
  fileType: string | null;
  finishedAt: string | null;
}

const FINAL = ['COMPLETED', 'REJECTED', 'FAILED'];

/** Through HTTP to the real worker: loading, repeats, rejections, orphans. */
describe('claim files: receive and load', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: RunningApi;
  let worker: RunningWorker;
  let ny: string;
  let ga: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The worked example's own "now" (as in the user journeys): its latest file reports May 2027, and
    // a reporting period after the platform's current month is rejected.
    // A small cap on the problems listed per file, to see it reached.
    config = testConfig(db.url, { FIXED_TIME: '2027-06-15T12:00:00Z', CLAIM_FILE_MAX_PROBLEMS: '5' });
    [api, worker] = await Promise.all([startApi(config), startWorker(config)]);
    const [nyUser, gaUser] = await Promise.all([
      insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' }),
      insertUser(db.url, { email: 'ga@test.gov', role: Role.STATE_STAFF, stateCode: 'GA' }),
    ]);
    [ny, ga] = await Promise.all([
      signIn(api.url, nyUser.email, nyUser.password),
      signIn(api.url, gaUser.email, gaUser.password),
    ]);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  async function submit(
    usps: string,
    token: string,
    bytes: Buffer,
  ): Promise<{ status: number; id: string; duplicateOf: string | null }> {
    const response = await fetch(`${api.url}/v1/states/${usps}/claim-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const body = (await response.json()) as { submission: { id: string; duplicateOf: string | null } };
    return { status: response.status, id: body.submission.id, duplicateOf: body.submission.duplicateOf };
  }

  async function finished(id: string, token: string): Promise<SubmissionView> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const response = await fetch(`${api.url}/v1/claim-submissions/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { submission } = (await response.json()) as { submission: SubmissionView };
      if (FINAL.includes(submission.status)) return submission;
      if (Date.now() > deadline) throw new Error(`submission ${id} still ${submission.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);

  const claimRows = async () =>
    (
      await sql<{ v: string; l: string; d: string }>(
        `SELECT (SELECT count(*) FROM claim_version_digest) AS v, (SELECT count(*) FROM claim_line) AS l,
                (SELECT count(*) FROM claim_diagnosis) AS d`,
      )
    )[0];

  const EXCEPTIONS_BY_FILE: Record<string, { code: string; count: number }[]> = {
    '1-NY-CLAIMOT-2026-03.txt': [
      { code: 'K', count: 1 },
      { code: 'M', count: 1 },
      { code: 'U', count: 1 },
    ],
    '5-GA-CLAIMOT-2026-02.txt': [{ code: 'U', count: 1 }],
  };

  it('loads the five worked-example files with zero problems and the right counts', async () => {
    const files = [
      ['1-NY-CLAIMOT-2026-03.txt', 'NY', ny, 123, 43, 3, 1],
      ['2-NY-CLAIMIP-2026-11.txt', 'NY', ny, 83, 21, 0, 15],
      ['3-NY-CLAIMIP-2027-01.txt', 'NY', ny, 83, 21, 0, 14],
      ['4-NY-CLAIMIP-2027-05.txt', 'NY', ny, 83, 21, 0, 19],
      ['5-GA-CLAIMOT-2026-02.txt', 'GA', ga, 33, 11, 1, 0],
    ] as const;
    const ids: string[] = [];
    for (const [file, usps, token] of files) {
      const { status, id, duplicateOf } = await submit(usps, token, workedExampleFile(file));
      expect({ status, duplicateOf }).toEqual({ status: 202, duplicateOf: null });
      ids.push(id);
    }
    for (const [i, [file, , token, records, headers, cgtLines, diagnoses]] of files.entries()) {
      const s = await finished(ids[i], token);
      expect({ file, status: s.status, reason: s.rejectionReason }).toEqual({
        file,
        status: 'COMPLETED',
        reason: null,
      });
      expect(s.counts).toMatchObject({
        records,
        problems: 0,
        skippedRecords: 0,
        claimHeaders: headers,
        claimVersions: headers,
        repeats: 0,
        cgtLines,
        relevantDiagnoses: diagnoses,
        // No agreement exists in this test: reconciliation finds the administrations not in the model (U),
        // the HCPCS-only line (K) and the managed-care duplicate (M) (rebate-rules sections 3-4).
        exceptionsByCode: EXCEPTIONS_BY_FILE[file] ?? [],
      });
      const size = workedExampleFile(file).length;
      expect(s.progress).toEqual({
        recordsRead: records + 1,
        recordsTotal: records + 1,
        bytesRead: size,
        totalBytes: size,
      });
    }
    const audit = await sql<{ action: string; actor_role: string }>(
      `SELECT action, actor_role FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [ids[0]],
    );
    expect(audit).toEqual([
      { action: 'claim-submission.received', actor_role: 'STATE_STAFF' },
      { action: 'claim-submission.completed', actor_role: 'SYSTEM' },
    ]);
    const first = await finished(ids[0], ny);
    expect(first).toMatchObject({ fileType: 'COT', periodStart: '2026-03-01' });
    // One state's submissions finish in order of receipt.
    const nyFinished = await Promise.all(ids.slice(0, 4).map(async (id) => (await finished(id, ny)).finishedAt!));
    expect([...nyFinished].sort()).toEqual(nyFinished);
    // The Casgevy family keeps its beneficiary id and details; filler families stay compact.
    const detailed = await sql<{ icn_orig: string; msis: boolean }>(
      `SELECT icn_orig, msis_id IS NOT NULL AS msis FROM claim_version WHERE detailed ORDER BY icn_orig`,
    );
    expect(detailed.map((r) => r.icn_orig)).toEqual(expect.arrayContaining(['NY2026030100017', 'GA2026021100003']));
    expect(detailed.every((r) => r.msis)).toBe(true);
    expect(await claimRows()).toEqual({ v: String(43 + 21 * 3 + 11), l: '4', d: String(1 + 15 + 14 + 19) });
    // Claim versions only for families that matter: each has a detailed version.
    expect(
      await sql(`SELECT count(*)::int AS n FROM claim_version v
                  WHERE NOT EXISTS (SELECT 1 FROM claim_version d
                                     WHERE d.detailed AND d.state_fips = v.state_fips AND d.icn_orig = v.icn_orig)`),
    ).toEqual([{ n: 0 }]);
    const [{ n: versions }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM claim_version`);
    expect(versions).toBeLessThan(43 + 21 * 3 + 11);
  });

  it('returns the earlier submission for identical bytes; CRLF and gzip copies load as repeats (R)', async () => {
    const original = workedExampleFile('1-NY-CLAIMOT-2026-03.txt');
    const again = await submit('NY', ny, original);
    // The answer is the earlier submission, and says so: over HTTP and GraphQL.
    const [earlier] = await sql<{ id: string }>(
      `SELECT id FROM claim_submission WHERE state_code = 'NY' AND file_sha256 = encode(sha256($1::bytea), 'hex')`,
      [original],
    );
    expect(again).toEqual({ status: 200, id: earlier.id, duplicateOf: earlier.id });
    const { submitClaimFile } = await graphqlOk<{ submitClaimFile: { id: string; duplicateOf: string | null } }>(
      api.url,
      `mutation($input: SubmitClaimFileInput!) { submitClaimFile(input: $input) { id duplicateOf } }`,
      { input: { stateCode: 'NY', contentBase64: original.toString('base64') } },
      ny,
    );
    expect(submitClaimFile).toEqual({ id: earlier.id, duplicateOf: earlier.id });
    const { claimSubmission } = await graphqlOk<{ claimSubmission: { duplicateOf: string | null } }>(
      api.url,
      `query($id: ID!) { claimSubmission(id: $id) { duplicateOf } }`,
      { id: earlier.id },
      ny,
    );
    expect(claimSubmission.duplicateOf).toBeNull();
    const before = await claimRows();
    const crlf = Buffer.from(original.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    const copies = [await submit('NY', ny, crlf), await submit('NY', ny, gzipSync(original))];
    for (const copy of copies) {
      expect(copy.status).toBe(202);
      const s = await finished(copy.id, ny);
      expect(s.status).toBe('COMPLETED');
      expect(s.counts).toMatchObject({
        records: 123,
        problems: 0,
        claimHeaders: 43,
        claimVersions: 0,
        repeats: 43,
        cgtLines: 0,
        exceptionsByCode: [{ code: 'R', count: 43 }],
      });
    }
    expect(await claimRows()).toEqual(before);
    const page = await graphqlOk<{
      claimExceptions: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean };
        edges: { node: { code: string; icnOrig: string } }[];
      };
    }>(
      api.url,
      `query($id: ID!) { claimExceptions(submissionId: $id, code: "R", first: 2) {
         totalCount pageInfo { hasNextPage } edges { node { code codeLabel icnOrig recordNumber reason } } } }`,
      { id: copies[1].id },
      ny,
    );
    expect(page.claimExceptions).toMatchObject({ totalCount: 43, pageInfo: { hasNextPage: true } });
    expect(page.claimExceptions.edges[0].node).toMatchObject({
      code: 'R',
      codeLabel: 'Claim version already received',
      icnOrig: 'NY20260301COT00001845',
    });
    const csv = await fetch(`${api.url}/v1/claim-submissions/${copies[0].id}/exceptions.csv`, {
      headers: { authorization: `Bearer ${ny}` },
    });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('code,record_number,position,icn_orig,icn_adj,field_name,reason');
    expect(lines).toHaveLength(44);
    expect(lines[1]).toMatch(/^R,1,2,NY20260301COT00001845,,,/);
  });

  it('rejects a file of another state, a wrong TOT-REC-CNT, a future period and too many bad records, changing nothing', async () => {
    const before = await claimRows();
    const cases = [
      [otFile([otHeader(1, 'GAX1', '13')], { state: '13' }), 'WRONG_STATE'],
      [otFile([otHeader(1, 'NYX1')], { totRecCnt: 5 }), 'TOT_REC_CNT_MISMATCH'],
      [
        Buffer.from(
          otFile([otHeader(1, 'NYFUTURE1')])
            .toString()
            .replace('|20260405|20260301|20260331|', '|20270805|20270701|20270731|'),
        ),
        'FUTURE_REPORTING_PERIOD',
      ],
      [
        otFile([
          ...Array.from({ length: 8 }, (_, i) => otHeader(i + 1, `NYT${i}`)),
          otHeader(9, 'NYT9').replace('20260312', '20261345'),
          otHeader(10, 'NYT10').replace('|1|F1|', '|9|F1|'),
        ]),
        'RECORD_PROBLEM_LIMIT',
      ],
    ] as const;
    for (const [bytes, code] of cases) {
      const { id } = await submit('NY', ny, bytes);
      const s = await finished(id, ny);
      expect({ status: s.status, code: s.rejectionCode }).toEqual({ status: 'REJECTED', code });
      expect(s.rejectionReason).toEqual(expect.any(String));
      if (code === 'FUTURE_REPORTING_PERIOD') {
        // FIXED_TIME pins the current month: June 2027.
        expect(s.rejectionReason).toContain('the reporting period July 2027 (START-OF-TIME-PERIOD 20270701)');
        expect(s.rejectionReason).toContain('after the current month, June 2027');
      }
      if (code === 'RECORD_PROBLEM_LIMIT') {
        // The problems that decided it are kept for the submitter.
        const reasons = await sql<{ reason: string }>(
          `SELECT reason FROM record_problem WHERE submission_id = $1 ORDER BY position`,
          [id],
        );
        expect(reasons.map((r) => r.reason)).toEqual(['INVALID_DATE', 'INVALID_CODE']);
      }
    }
    expect(await claimRows()).toEqual(before);
    expect(await sql(`SELECT * FROM claim_stage_header`)).toEqual([]);
  });

  /** 20 claim headers, those at the given record numbers with a date that does not exist. */
  const withBadDates = (bad: number[]) =>
    otFile(
      Array.from({ length: 20 }, (_, i) => {
        const record = otHeader(i + 1, `NYB${i + 1}`);
        return bad.includes(i + 1) ? record.replace('20260312', '20261345') : record;
      }),
    );

  const listedProblems = async (id: string) => {
    const csv = await fetch(`${api.url}/v1/claim-submissions/${id}/problems.csv`, {
      headers: { authorization: `Bearer ${ny}` },
    });
    return (await csv.text())
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',').slice(2, 3).join());
  };

  it('lists every problem of a file over the limit, so one correction fixes it', async () => {
    // 4 of 20 records are bad: past the 10% limit at the third, and the fourth is listed too.
    const { id } = await submit('NY', ny, withBadDates([3, 9, 14, 20]));
    const s = await finished(id, ny);
    expect({ status: s.status, code: s.rejectionCode }).toEqual({ status: 'REJECTED', code: 'RECORD_PROBLEM_LIMIT' });
    expect(s.rejectionReason).toBe(
      '4 of 20 records (20%) have record-level problems; a file is rejected above 10%. ' +
        'There are 4 problems in all, every one listed.',
    );
    expect(await listedProblems(id)).toEqual(['3', '9', '14', '20']);
    const page = await graphqlOk<{ recordProblems: { totalCount: number } }>(
      api.url,
      `query($id: ID!) { recordProblems(submissionId: $id) { totalCount } }`,
      { id },
      ny,
    );
    expect(page.recordProblems.totalCount).toBe(4);
  });

  it('stops listing at CLAIM_FILE_MAX_PROBLEMS and says so', async () => {
    const { id } = await submit('NY', ny, withBadDates([2, 4, 6, 8, 10, 12, 14]));
    const s = await finished(id, ny);
    expect({ status: s.status, code: s.rejectionCode }).toEqual({ status: 'REJECTED', code: 'RECORD_PROBLEM_LIMIT' });
    expect(s.rejectionReason).toContain('Reading stopped after the first 5 problems');
    expect(s.rejectionReason).toContain('there are at least 5 in all');
    expect(await listedProblems(id)).toEqual(['2', '4', '6', '8', '10']);
  });

  it('makes an empty upload a REJECTED submission (EMPTY_FILE) in the history, over HTTP and GraphQL', async () => {
    const http = await submit('NY', ny, Buffer.alloc(0));
    expect(http.status).toBe(202);
    const viaHttp = await finished(http.id, ny);
    expect(viaHttp).toMatchObject({
      status: 'REJECTED',
      rejectionCode: 'EMPTY_FILE',
      rejectionReason: 'The file is empty.',
    });
    const { submitClaimFile } = await graphqlOk<{ submitClaimFile: { id: string; status: string } }>(
      api.url,
      `mutation($input: SubmitClaimFileInput!) { submitClaimFile(input: $input) { id status } }`,
      { input: { stateCode: 'GA', fileName: 'empty.txt', contentBase64: '' } },
      ga,
    );
    expect(submitClaimFile.status).toBe('RECEIVED');
    expect(await finished(submitClaimFile.id, ga)).toMatchObject({ status: 'REJECTED', rejectionCode: 'EMPTY_FILE' });
    const history = await graphqlOk<{
      claimSubmissions: { edges: { node: { id: string; status: string; rejectionCode: string | null } }[] };
    }>(
      api.url,
      `{ claimSubmissions(filter: { status: REJECTED }, first: 50) { edges { node { id status rejectionCode } } } }`,
      {},
      ga,
    );
    expect(history.claimSubmissions.edges.map((e) => e.node)).toContainEqual({
      id: submitClaimFile.id,
      status: 'REJECTED',
      rejectionCode: 'EMPTY_FILE',
    });
    const audit = await sql<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [
      http.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['claim-submission.received', 'claim-submission.rejected']);
  });

  it('reports orphan lines with record number and reason, and loads the rest', async () => {
    const records = [
      ...Array.from({ length: 10 }, (_, i) => otHeader(i + 1, `NYO${i}`)),
      otLine(11, 'NYO0'),
      otLine(12, 'NYNOHEADER'),
    ];
    const { id } = await submit('NY', ny, otFile(records));
    const s = await finished(id, ny);
    expect(s.status).toBe('COMPLETED');
    expect(s.counts).toMatchObject({ records: 12, problems: 1, skippedRecords: 1, claimVersions: 10, cgtLines: 1 });
    const csv = await fetch(`${api.url}/v1/claim-submissions/${id}/problems.csv`, {
      headers: { authorization: `Bearer ${ny}` },
    });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^13,13,12,COT00003,NYNOHEADER,4,ICN-ORIG,NYNOHEADER,ORPHAN,/);
    const problems = await graphqlOk<{ recordProblems: { edges: { node: Record<string, unknown> }[] } }>(
      api.url,
      `query($id: ID!) { recordProblems(submissionId: $id, reason: "ORPHAN") {
         edges { node { position recordNumber icnOrig fieldName reason reasonLabel message } } } }`,
      { id },
      ny,
    );
    expect(problems.recordProblems.edges.map((e) => e.node)).toEqual([
      {
        position: 13,
        recordNumber: 12,
        icnOrig: 'NYNOHEADER',
        fieldName: 'ICN-ORIG',
        reason: 'ORPHAN',
        reasonLabel: 'Line or diagnosis without its claim header',
        message: expect.stringContaining('orphan line') as string,
      },
    ]);
    const other = await fetch(`${api.url}/v1/claim-submissions/${id}/problems.csv`, {
      headers: { authorization: `Bearer ${ga}` },
    });
    expect(other.status).toBe(404);
  });

  it('keeps every version of a family that matters, also a void that arrived before its original', async () => {
    const voidFirst = otFile([
      'COT00002|36|1|NYVOID1|NYVOID1A|20260320|1|MSIS9|1|F1|0|1234567893|||20260310|20260310||0',
      otHeader(2, 'NYPLAIN1'),
    ]);
    const original = otFile([otHeader(1, 'NYVOID1'), otLine(2, 'NYVOID1')], { totRecCnt: 2 });
    for (const bytes of [voidFirst, original]) {
      const { id } = await submit('NY', ny, bytes);
      expect((await finished(id, ny)).status).toBe('COMPLETED');
    }
    const dataSource = worker.context.get(DataSource);
    const versions = await worker.context.get(ClaimVersionsService).relevantVersions(dataSource.manager, '36');
    const family = versions.filter((v) => v.icnOrig === 'NYVOID1');
    expect(family.map((v) => [v.adjustmentInd, v.detailed, v.msisId, v.lines.length])).toEqual([
      ['0', true, 'MSIS1', 1],
      ['1', false, null, 0],
    ]);
    expect(family[0].lines[0]).toMatchObject({ ndc11: '51167029009', cgtByNdc: true, cgtByHcpcs: true });
    expect(family[0].lines[0].paid.toFixed(2)).toBe('100.00');
    expect(versions.some((v) => v.icnOrig === 'NYPLAIN1')).toBe(false);
    const casgevy = versions.find((v) => v.icnOrig === 'NY2026030100017');
    expect(casgevy?.lines.map((l) => l.paid.toFixed(2))).toEqual(['2200000.00']);
  });

  it('looks for repeats in the months the state has digests of; a month it has none of is inserted as new', async () => {
    // ADJUDICATION-DATE (field 6) in July 2025: a month of which New York has no digest yet.
    const july = otHeader(3, 'NYMONTH3').replace('|20260312|', '|20250715|');
    const monthsHeld = async () =>
      (
        await sql<{ m: number }>(
          `SELECT DISTINCT adjudication_month AS m FROM claim_version_digest WHERE state_fips = '36' ORDER BY 1`,
        )
      ).map((row) => row.m);
    const first = await submit('NY', ny, otFile([otHeader(1, 'NYMONTH1')]));
    expect((await finished(first.id, ny)).status).toBe('COMPLETED');
    const held = await monthsHeld();
    const [march, julyMonth] = [(2026 - 2000) * 12 + 2, (2025 - 2000) * 12 + 6];
    expect(held).toContain(march);
    expect(held).not.toContain(julyMonth);
    const second = await submit('NY', ny, otFile([otHeader(1, 'NYMONTH1'), otHeader(2, 'NYMONTH2'), july]));
    const done = await finished(second.id, ny);
    expect(done.status).toBe('COMPLETED');
    expect(done.counts).toMatchObject({
      claimHeaders: 3,
      claimVersions: 2,
      repeats: 1,
      exceptionsByCode: [{ code: 'R', count: 1 }],
    });
    const stored = await sql<{ position: string; month: number }>(
      `SELECT d.position, d.adjudication_month AS month FROM claim_version_digest d
         JOIN claim_submission s ON s.receipt_seq = d.receipt_seq
        WHERE s.id = $1 ORDER BY d.position`,
      [second.id],
    );
    expect(stored.map((row) => [Number(row.position), row.month])).toEqual([
      [3, march],
      [4, julyMonth],
    ]);
  });

  it('gives each new adjudication month a partition with its key, built from its rows for the four largest', async () => {
    // Georgia (13) has no digests of 2025 yet: 20 headers over six of its months, 6, 5, 4, 3, 1 and 1 a month.
    const perMonth = [6, 5, 4, 3, 1, 1];
    const headers = perMonth.flatMap((n, m) =>
      Array.from({ length: n }, (_, i) =>
        otHeader(2 + m * 10 + i, `GAMONTH${m + 1}X${i}`, '13').replace('|20260312|', `|20250${m + 1}15|`),
      ),
    );
    const first = await submit('GA', ga, otFile(headers, { state: '13' }));
    expect((await finished(first.id, ga)).counts).toMatchObject({ claimHeaders: 20, claimVersions: 20, repeats: 0 });
    const partitions = await sql<{ name: string; bound: string; key: string; rows: number }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound,
              (SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS key,
              (SELECT count(*)::int FROM claim_version_digest d
                WHERE d.state_fips = '13' AND d.adjudication_month = claim_adjudication_month(
                  to_date(right(c.relname, 7), 'YYYY_MM'))) AS rows
         FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
        WHERE h.inhparent = 'claim_version_digest_13'::regclass AND c.relname LIKE '%\\_2025\\_%' ORDER BY c.relname`,
    );
    const january2025 = (2025 - 2000) * 12;
    expect(partitions.map((p) => [p.name, p.bound, p.rows])).toEqual(
      perMonth.map((n, m) => [
        `claim_version_digest_13_2025_0${m + 1}`,
        `FOR VALUES FROM (${january2025 + m}) TO (${january2025 + m + 1})`,
        n,
      ]),
    );
    for (const p of partitions) expect(p.key).toMatch(/UNIQUE INDEX .* \(digest, state_fips, adjudication_month\)$/);
    // One header of each month again, and one new: six repeats, whichever way their month was filled.
    const again = perMonth.map((_, m) => headers[perMonth.slice(0, m).reduce((a, b) => a + b, 0)]);
    const second = await submit('GA', ga, otFile([...again, otHeader(99, 'GAMONTHNEW', '13')], { state: '13' }));
    expect((await finished(second.id, ga)).counts).toMatchObject({
      claimHeaders: 7,
      claimVersions: 1,
      repeats: 6,
      exceptionsByCode: [{ code: 'R', count: 6 }],
    });
  });

  it("merges Georgia's closed 2025 into one partition; repeats, new months and earlier versions are found there as before", async () => {
    // Follows the test above: Georgia has 2025's months 1 to 6 (20 digests). A file adjudicated in
    // April 2026 closes 2025 (digest-years.rules.ts).
    const april = await submit(
      'GA',
      ga,
      otFile([otHeader(2, 'GAAPRIL', '13').replace('|20260312|', '|20260415|')], { state: '13' }),
    );
    expect((await finished(april.id, ga)).status).toBe('COMPLETED');
    // The worker's hourly job, run now.
    const jobs = worker.context.get(JobQueue);
    await jobs.enqueue(QueueName.CLAIM_FILES, 'roll-up-digest-years', {}, { jobId: 'roll-up-now' });
    const job = await waitForJob(jobs, QueueName.CLAIM_FILES, 'roll-up-now');
    expect(job.failedReason).toBeFalsy();
    expect((job.returnvalue as { years: unknown[] }).years).toContainEqual(
      expect.objectContaining({ partition: 'claim_version_digest_13', year: 2025, digests: 20 }),
    );
    expect((await worker.context.get(DigestYearRollUps).rollUpDue()).years).toEqual([]);
    const january2025 = (2025 - 2000) * 12;
    const partitions = await sql<{ name: string; bound: string; key: string; rows: number }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound,
              (SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS key,
              (SELECT count(*)::int FROM claim_version_digest d
                WHERE d.state_fips = '13' AND d.adjudication_month BETWEEN ${january2025} AND ${january2025 + 11}) AS rows
         FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
        WHERE h.inhparent = 'claim_version_digest_13'::regclass AND c.relname LIKE '%\\_2025%' ORDER BY c.relname`,
    );
    expect(partitions.map((p) => [p.name, p.bound, p.rows])).toEqual([
      ['claim_version_digest_13_2025', `FOR VALUES FROM (${january2025}) TO (${january2025 + 12})`, 20],
    ]);
    expect(partitions[0].key).toMatch(/UNIQUE INDEX .* \(digest, state_fips, adjudication_month\)$/);
    const [months] = await sql<{ months: number[] }>(`SELECT claim_digest_months('claim_version_digest_13') AS months`);
    expect(months.months).toEqual(expect.arrayContaining(Array.from({ length: 12 }, (_, i) => january2025 + i)));

    // Two 2025 headers again (January's and May's): repeats. A header of September 2025, a month
    // that had no partition: new, inserted into the year's. A replacement of February's family
    // with a Casgevy line: the family matters now, and its original is copied from the year.
    const replacement = 'GAMONTH2X0|GAMONTH2X0A|20260420|4';
    const third = await submit(
      'GA',
      ga,
      otFile(
        [
          otHeader(2, 'GAMONTH1X0', '13').replace('|20260312|', '|20250115|'),
          otHeader(3, 'GAMONTH5X0', '13').replace('|20260312|', '|20250515|'),
          otHeader(4, 'GASEPT', '13').replace('|20260312|', '|20250915|'),
          otHeader(5, 'GAMONTH2X0', '13').replace('GAMONTH2X0||20260312|0', replacement),
          otLine(6, 'GAMONTH2X0', '13').replace('GAMONTH2X0||20260312|0', replacement),
        ],
        { state: '13' },
      ),
    );
    const done = await finished(third.id, ga);
    expect(done.status).toBe('COMPLETED');
    expect(done.counts).toMatchObject({ claimHeaders: 4, claimVersions: 2, repeats: 2, cgtLines: 1 });
    expect(done.counts?.exceptionsByCode).toContainEqual({ code: 'R', count: 2 });
    const stored = await sql<{ month: number; partition: string }>(
      `SELECT d.adjudication_month AS month, d.tableoid::regclass::text AS partition FROM claim_version_digest d
        WHERE d.state_fips = '13' AND d.receipt_seq = (SELECT receipt_seq FROM claim_submission WHERE id = $1)
        ORDER BY d.position`,
      [third.id],
    );
    expect(stored).toEqual([
      { month: january2025 + 8, partition: 'claim_version_digest_13_2025' },
      { month: (2026 - 2000) * 12 + 3, partition: 'claim_version_digest_13_2026_04' },
    ]);
    const dataSource = worker.context.get(DataSource);
    const versions = await worker.context.get(ClaimVersionsService).relevantVersions(dataSource.manager, '13');
    const family = versions.filter((v) => v.icnOrig === 'GAMONTH2X0');
    expect(family.map((v) => [v.adjustmentInd, v.detailed, v.lines.length]).sort()).toEqual([
      ['0', false, 0],
      ['4', true, 1],
    ]);
  });

  it('accepts an alternate submitter code (93 stands for Wyoming) from a coordinator', async () => {
    const coordinator = await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR });
    const token = await signIn(api.url, coordinator.email, coordinator.password);
    const { id } = await submit(
      'WY',
      token,
      otFile([otHeader(1, 'WY1', '93'), otLine(2, 'WY1', '93')], { state: '93' }),
    );
    const s = await finished(id, token);
    expect(s).toMatchObject({ status: 'COMPLETED', counts: { claimVersions: 1, cgtLines: 1 } });
    expect(await sql(`SELECT state_fips FROM claim_version WHERE submission_id = $1`, [id])).toEqual([
      { state_fips: '56' },
    ]);
  });
});
