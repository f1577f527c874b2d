import { join } from 'node:path';
import {
  COMPUTED,
  COMPUTED_TABLE_WRITES,
  entityOwners,
  ownershipViolations,
  productionSources,
  tableOwners,
  TABLES_WITHOUT_ENTITY,
  violationsAmong,
  writesIn,
} from './table-ownership';

const ROOT = join(__dirname, '..', '..');
const sources = productionSources(ROOT);

describe('one owner per table (docs/architecture.md "Table ownership")', () => {
  it('finds the entities and the write sites it checks (the scan is not empty)', () => {
    const { tables } = entityOwners(sources);
    expect(tables.get('statement')).toBe('statements');
    expect(tables.get('reconciliation_exception')).toBe('claims');
    expect(tables.get('episode')).toBe('reconciliation');
    expect(tables.size).toBeGreaterThan(25);
    const { classes } = entityOwners(sources);
    expect(sources.flatMap((file) => writesIn(file, classes)).length).toBeGreaterThan(50);
  });

  it('lists, for each table, the one library allowed to write it', () => {
    const { tables } = entityOwners(sources);
    const owners = Object.fromEntries([...Object.entries(TABLES_WITHOUT_ENTITY), ...tables].sort());
    expect(owners).toEqual({
      agreement: 'agreements',
      agreement_version: 'agreements',
      app_user: 'auth',
      audit_event: 'audit',
      claim_diagnosis: 'claims',
      claim_line: 'claims',
      claim_stage_diagnosis: 'claims',
      claim_stage_header: 'claims',
      claim_stage_line: 'claims',
      claim_stage_problem: 'claims',
      claim_stage_straggler: 'claims',
      claim_submission: 'claims',
      claim_version: 'claims',
      claim_version_digest: 'claims',
      contract_year_close: 'reconciliation',
      dispute: 'statements',
      dispute_document: 'statements',
      episode: 'reconciliation',
      episode_override: 'statements',
      fresh_version: 'claims',
      interest_rate: 'statements',
      jurisdiction: 'reference',
      labeler_code: 'reference',
      ledger_entry: 'ledger',
      ledger_period_close: 'ledger',
      login_throttle: 'auth',
      manufacturer: 'reference',
      manufacturer_name: 'reference',
      negotiation_step: 'agreements',
      outcome_benchmark: 'agreements',
      outcome_benchmark_tier: 'agreements',
      outcome_observation: 'reconciliation',
      price_schedule_entry: 'agreements',
      product: 'reference',
      product_hcpcs: 'reference',
      product_ndc: 'reference',
      reconciliation_exception: 'claims',
      reconciliation_request: 'reconciliation',
      record_problem: 'claims',
      relevant_family: 'claims',
      state_participation: 'agreements',
      state_reconciliation: 'reconciliation',
      statement: 'statements',
      statement_credit: 'statements',
      statement_payment: 'statements',
      term_sheet_simulation: 'simulator',
      user_session: 'auth',
      volume_tier: 'agreements',
    });
  });

  it('every table is written only by its owner', () => {
    expect(ownershipViolations(sources)).toEqual([]);
  });

  it('fails on a deliberate violation: the ledger inserting statement rows, reconciliation saving a dispute', () => {
    const planted = [
      ...sources,
      {
        path: 'libs/ledger/src/planted.ts',
        text: "await manager.query(`INSERT INTO statement (number) VALUES ('x')`);",
      },
      {
        path: 'libs/reconciliation/src/planted.ts',
        text: 'await manager.insert(DisputeEntity, { id });\nawait manager.query(`UPDATE dispute d SET status = 1`);',
      },
    ];
    expect(ownershipViolations(planted)).toEqual([
      { path: 'libs/ledger/src/planted.ts', line: 1, table: 'statement', writer: 'ledger', owner: 'statements' },
      {
        path: 'libs/reconciliation/src/planted.ts',
        line: 1,
        table: 'dispute',
        writer: 'reconciliation',
        owner: 'statements',
      },
      {
        path: 'libs/reconciliation/src/planted.ts',
        line: 2,
        table: 'dispute',
        writer: 'reconciliation',
        owner: 'statements',
      },
    ]);
  });
  /** The violations a planted file in the ledger (which owns none of these tables) makes. */
  const { classes } = entityOwners(sources);
  const owners = tableOwners(sources);
  const plantedInLedger = (text: string): string[] =>
    violationsAmong(writesIn({ path: 'libs/ledger/src/planted.ts', text }, classes), owners)
      .map((v) => `${v.line} ${v.table}`)
      .sort();

  it.each([
    [
      'raw SQL COPY ... FROM STDIN',
      'await client.query(copyFrom(`COPY statement (number, total) FROM STDIN`));',
      ['1 statement'],
    ],
    ['COPY into a quoted, schema-qualified table', 'copyFrom(\'COPY public."dispute" FROM STDIN\');', ['1 dispute']],
    ['COPY into a computed table', 'copyFrom(`COPY ${table} (id) FROM STDIN`);', ['1 (computed)']],
    ['UPDATE with a long alias', 'await manager.query(`UPDATE statement AS st SET total = 0`);', ['1 statement']],
    [
      'TRUNCATE of several tables',
      "await manager.query('TRUNCATE dispute, statement_payment');",
      ['1 dispute', '1 statement_payment'],
    ],
    ['manager.save(X, ...)', 'await manager.save(DisputeEntity, { id });', ['1 dispute']],
    ['manager.insert(X, ...)', 'await manager.insert(StatementEntity, rows);', ['1 statement']],
    ['manager.update(X, ...)', 'await manager.update(StatementEntity, { id }, { total });', ['1 statement']],
    ['manager.delete(X, ...)', 'await manager.delete(DisputeEntity, { id });', ['1 dispute']],
    ['manager.upsert(X, ...)', "await manager.upsert(InterestRateEntity, rows, ['quarter']);", ['1 interest_rate']],
    ['manager.softDelete(X, ...)', 'await manager.softDelete(DisputeEntity, { id });', ['1 dispute']],
    ['manager.getRepository(X).save(...)', 'await manager.getRepository(StatementEntity).save(row);', ['1 statement']],
    [
      'manager.getRepository(X) on two lines, then .upsert(...)',
      "await manager\n  .getRepository(StatementCreditEntity)\n  .upsert(rows, ['id']);",
      ['3 statement_credit'],
    ],
    [
      'dataSource.getRepository(X).delete(...)',
      'await this.dataSource.getRepository(DisputeEntity).delete({ id });',
      ['1 dispute'],
    ],
    [
      'a repository held in a const',
      'const payments = manager.getRepository(StatementPaymentEntity);\nawait payments.insert({ id });',
      ['2 statement_payment'],
    ],
    [
      'a repository held in a field',
      'class X {\n  private readonly disputes = this.dataSource.getRepository(DisputeEntity);\n  f() { return this.disputes.update({ id }, { status }); }\n}',
      ['3 dispute'],
    ],
    [
      'an injected repository writing in every way',
      [
        'class X {',
        '  constructor(@InjectRepository(StatementEntity) private readonly statements: Repository<StatementEntity>) {}',
        '  async f() {',
        '    await this.statements.save(row);',
        '    await this.statements.insert(row);',
        '    await this.statements.update({ id }, { total });',
        '    await this.statements.delete({ id });',
        "    await this.statements.upsert(row, ['id']);",
        "    await this.statements.increment({ id }, 'version', 1);",
        "    await this.statements.decrement({ id }, 'version', 1);",
        '  }',
        '}',
      ].join('\n'),
      ['10 statement', '4 statement', '5 statement', '6 statement', '7 statement', '8 statement', '9 statement'],
    ],
    [
      'a repository known by its type only',
      'class X {\n  constructor(private readonly rates: Repository<InterestRateEntity>) {}\n  f() { return this.rates.save(row); }\n}',
      ['3 interest_rate'],
    ],
    [
      'a query builder inserting into an entity',
      'await manager.createQueryBuilder().insert().into(StatementEntity).values(rows).execute();',
      ['1 statement'],
    ],
    [
      'a query builder inserting into a table',
      "await this.dataSource\n  .createQueryBuilder()\n  .insert()\n  .into('dispute_document')\n  .values(rows)\n  .execute();",
      ['4 dispute_document'],
    ],
    [
      'a query builder updating an entity',
      'await manager.createQueryBuilder().update(StatementEntity).set({ total }).execute();',
      ['1 statement'],
    ],
    [
      'a query builder updating a table',
      "await manager.createQueryBuilder().update('statement').set({ total: 0 }).execute();",
      ['1 statement'],
    ],
    [
      'a query builder deleting from an entity',
      'await manager.createQueryBuilder().delete().from(DisputeEntity).where(cond).execute();',
      ['1 dispute'],
    ],
    [
      'a query builder deleting from a table',
      "await manager.createQueryBuilder().delete().from('dispute').execute();",
      ['1 dispute'],
    ],
    [
      "a repository's query builder updating",
      "await manager.getRepository(StatementEntity).createQueryBuilder('s').update().set({ total }).execute();",
      ['1 statement'],
    ],
    [
      'a query builder held in a name',
      "const qb = manager.createQueryBuilder(DisputeEntity, 'd');\nawait qb.delete().where(cond).execute();",
      ['2 dispute'],
    ],
    [
      'a query builder inserting into a computed table',
      'await qb.insert().into(target).values(rows).execute();',
      ['1 (computed)'],
    ],
    [
      'an entity loaded, then saved without its class',
      'const statement = await manager.findOneByOrFail(StatementEntity, { id });\nstatement.total = total;\nawait manager.save(statement);',
      ['3 statement'],
    ],
    [
      'an entity made with new, then saved',
      'const dispute = new DisputeEntity();\nawait manager.save(dispute);',
      ['2 dispute'],
    ],
  ])('sees %s', (_name, text, expected) => {
    expect(plantedInLedger(text)).toEqual(expected);
  });

  it.each([
    ['a hash update', "createHash('sha256').update('statement').digest('hex');"],
    ['SQL in a comment', '// INSERT INTO statement VALUES (1); DELETE FROM dispute'],
    ['COPY out', 'copyTo(`COPY statement TO STDOUT`);'],
    [
      'reads',
      "await manager.find(StatementEntity);\nmanager.createQueryBuilder().select('s').from(StatementEntity, 's');",
    ],
    ['a Map', 'const seen = new Map<string, number>();\nseen.delete(id);\nseen.set(id, 1);'],
  ])('does not take %s for a write', (_name, text) => {
    expect(plantedInLedger(text)).toEqual([]);
  });

  it('lets a listed file write the tables it computes, and only those', () => {
    for (const [path, { tables, reason }] of Object.entries(COMPUTED_TABLE_WRITES)) {
      expect(reason).not.toBe('');
      const file = sources.find((f) => f.path === path);
      // Not stale: the file still computes a table name it writes.
      expect(file && writesIn(file, classes).some((w) => w.table === COMPUTED)).toBe(true);
      expect(tables.length).toBeGreaterThan(0);
    }
    // The same computed COPY in the ledger is a violation.
    expect(plantedInLedger('copyFrom(`COPY ${table} (id) FROM STDIN`);')).toEqual(['1 (computed)']);
    // A listed file's computed write counts as a write to each of its tables, checked against owners.
    const claimsFile = 'libs/claims/src/staging/claim-staging.writer.ts';
    const moved = sources.map((f) => (f.path === claimsFile ? { ...f, path: 'libs/ledger/src/planted.ts' } : f));
    expect(ownershipViolations(moved).map((v) => v.table)).toEqual(expect.arrayContaining([COMPUTED]));
  });
});
