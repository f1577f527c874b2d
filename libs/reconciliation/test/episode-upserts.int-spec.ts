import { DataSource } from 'typeorm';
import { Dec } from '@lib/common';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { upsertEpisodes, type EpisodeUpsert } from '../src/episode-upserts';
import type { Episode } from '../src/rules';

/** Episodes are stored in batches: inserted or updated by key, every column as the rules gave it. */
describe('episode upserts', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let versionId = '';
  let productId = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: db.url });
    await dataSource.initialize();
    const [submission] = await dataSource.query<{ id: string; receipt_seq: string }[]>(
      `INSERT INTO claim_submission (state_code, file_sha256, byte_size, storage_path, status, total_bytes)
       VALUES ('NY', $1, 1, 'x', 'COMPLETED', 1) RETURNING id, receipt_seq`,
      ['c'.repeat(64)],
    );
    const [version] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO claim_version (state_fips, icn_orig, adjudication_date, adjustment_ind, type_of_claim, claim_status,
                                  file_type, submission_id, receipt_seq, record_number, position)
       VALUES ('36', 'ICN1', '2026-03-12', '0', '1', 'F1', 'COT', $1, $2, 1, 2) RETURNING id`,
      [submission.id, submission.receipt_seq],
    );
    versionId = version.id;
    [{ id: productId }] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM product WHERE labeler_code = '51167' ORDER BY id LIMIT 1`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const episode = (n: number, overrides: Partial<Episode> = {}): EpisodeUpsert => ({
    episode: {
      episodeKey: `NY|product|MSIS${n}|ICN${n}`,
      stateCode: 'NY',
      productId,
      msisId: `MSIS${n}`,
      indexIcn: `ICN${n}`,
      indexVersionId: versionId,
      administrationDate: '2026-03-10',
      ndc11: '51167029009',
      paid: new Dec('2200000.00'),
      status: 'ELIGIBLE',
      ineligibleCode: null,
      ineligibleReason: null,
      warnings: [],
      agreementId: null,
      termsVersionId: null,
      wac: new Dec('2200000'),
      guaranteedRebatePct: new Dec('0.1'),
      capAmount: null,
      benchmarks: [],
      desired: [],
      ...overrides,
    },
    episodeRef: `EP-${n}`,
    labelerCode: '51167',
    fingerprint: `f${n}`,
  });

  const stored = (keys: string[]) =>
    dataSource.query<Record<string, unknown>[]>(
      `SELECT episode_key, paid::text, status, warnings, wac::text, cap_amount::text, fingerprint, created_by_cause,
              updated_by_cause
         FROM episode WHERE episode_key = ANY($1::text[]) ORDER BY episode_key`,
      [keys],
    );

  it('inserts new episodes and updates stored ones in place, keeping the cause that created them', async () => {
    const first = await upsertEpisodes(dataSource.manager, 'NY', [episode(1), episode(2)], 'SUBMISSION:a');
    expect(first.map((e) => [e.episodeKey, e.inserted])).toEqual([
      ['NY|product|MSIS1|ICN1', true],
      ['NY|product|MSIS2|ICN2', true],
    ]);
    const changed = episode(2, {
      status: 'INELIGIBLE',
      paid: new Dec('1.10'),
      warnings: ['P', 'D'],
      capAmount: new Dec('5'),
    });
    const second = await upsertEpisodes(
      dataSource.manager,
      'NY',
      [{ ...changed, fingerprint: 'f2b' }, episode(3)],
      'SUBMISSION:b',
    );
    expect(second.map((e) => [e.episodeKey, e.inserted])).toEqual([
      ['NY|product|MSIS2|ICN2', false],
      ['NY|product|MSIS3|ICN3', true],
    ]);
    expect(second[0].id).toBe(first[1].id);
    expect(await stored(['NY|product|MSIS2|ICN2', 'NY|product|MSIS3|ICN3'])).toEqual([
      {
        episode_key: 'NY|product|MSIS2|ICN2',
        paid: '1.10',
        status: 'INELIGIBLE',
        warnings: ['P', 'D'],
        wac: '2200000',
        cap_amount: '5.00',
        fingerprint: 'f2b',
        created_by_cause: 'SUBMISSION:a',
        updated_by_cause: 'SUBMISSION:b',
      },
      {
        episode_key: 'NY|product|MSIS3|ICN3',
        paid: '2200000.00',
        status: 'ELIGIBLE',
        warnings: [],
        wac: '2200000',
        cap_amount: null,
        fingerprint: 'f3',
        created_by_cause: 'SUBMISSION:b',
        updated_by_cause: 'SUBMISSION:b',
      },
    ]);
  });

  it('stores more episodes than one statement carries', async () => {
    const many = Array.from({ length: 4500 }, (_, i) => episode(100 + i));
    const upserted = await upsertEpisodes(dataSource.manager, 'NY', many, 'SUBMISSION:c');
    expect(upserted).toHaveLength(4500);
    expect(upserted.every((e) => e.inserted)).toBe(true);
    expect(new Set(upserted.map((e) => e.episodeKey)).size).toBe(4500);
  });

  it('refuses a batch that names an episode twice, and stores nothing of an empty one', async () => {
    await expect(upsertEpisodes(dataSource.manager, 'NY', [episode(9), episode(9)], 'SUBMISSION:d')).rejects.toThrow(
      'repeat an episode key',
    );
    expect(await upsertEpisodes(dataSource.manager, 'NY', [], 'SUBMISSION:d')).toEqual([]);
    expect(await stored(['NY|product|MSIS9|ICN9'])).toEqual([]);
  });
});
