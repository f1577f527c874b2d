import { join } from 'node:path';
import {
  entityOwners,
  ownershipViolations,
  productionSources,
  TABLES_WITHOUT_ENTITY,
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
        line: 2,
        table: 'dispute',
        writer: 'reconciliation',
        owner: 'statements',
      },
      {
        path: 'libs/reconciliation/src/planted.ts',
        line: 1,
        table: 'dispute',
        writer: 'reconciliation',
        owner: 'statements',
      },
    ]);
  });
  it('sees every way of writing: COPY, manager.save, repositories by name, query builders', () => {
    const planted = [
      ...sources,
      { path: 'libs/ledger/src/copy.ts', text: 'await copyFrom(`COPY statement (number, total) FROM STDIN`);' },
      {
        path: 'libs/reconciliation/src/injected.ts',
        text: [
          'constructor(@InjectRepository(DisputeEntity) private readonly disputes: Repository<DisputeEntity>) {}',
          'async f() { await this.disputes.save({ id }); }',
        ].join('\n'),
      },
      {
        path: 'libs/claims/src/held.ts',
        text: 'const payments = manager.getRepository(StatementPaymentEntity);\nawait payments.insert({ id });',
      },
      { path: 'libs/ledger/src/saved.ts', text: 'await manager.save(DisputeEntity, { id });' },
      {
        path: 'libs/agreements/src/builders.ts',
        text: [
          'await manager.createQueryBuilder().insert().into(StatementEntity).values({}).execute();',
          "await manager.createQueryBuilder().update('statement').set({ total: 0 }).execute();",
          "await manager.createQueryBuilder().delete().from('dispute').execute();",
        ].join('\n'),
      },
    ];
    const found = ownershipViolations(planted)
      .map((v) => `${v.path}:${v.line} ${v.table} by ${v.writer}`)
      .sort();
    expect(found).toEqual([
      'libs/agreements/src/builders.ts:1 statement by agreements',
      'libs/agreements/src/builders.ts:2 statement by agreements',
      'libs/agreements/src/builders.ts:3 dispute by agreements',
      'libs/claims/src/held.ts:2 statement_payment by claims',
      'libs/ledger/src/copy.ts:1 statement by ledger',
      'libs/ledger/src/saved.ts:1 dispute by ledger',
      'libs/reconciliation/src/injected.ts:2 dispute by reconciliation',
    ]);
  });
});
