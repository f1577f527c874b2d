import { join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { builtInShadowing } from '../../tools/eslint/built-in-shadowing.mjs';
import boundaries, { importProblem } from '../../tools/eslint/lib-boundaries.mjs';

const ROOT = join(__dirname, '..', '..');

/** Lints one planted file with the boundary rule alone (the real config runs it on every file). */
function lint(path: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { cgt: boundaries },
          rules: { 'cgt/lib-boundaries': ['error', { root: ROOT }] },
        },
      ],
      { filename: join(ROOT, path) },
    )
    .map((m) => m.message);
}

describe('library boundaries (docs/architecture.md "Boundaries", eslint cgt/lib-boundaries)', () => {
  it.each([
    ['libs/reconciliation/src/x.service.ts', "import { LedgerService } from '@lib/ledger';"],
    ['libs/statements/src/x.ts', "import { EpisodeEntity } from '@lib/reconciliation';"],
    ['libs/reconciliation/src/rules/x.ts', "import { type Dec } from '@lib/common';"],
    ['libs/reconciliation/src/rules/x.ts', "import { episodeKey } from './episodes';"],
    ['libs/simulator/src/engine/x.ts', "import { episodeAmounts, type TermSheet } from '@lib/reconciliation';"],
    ['libs/simulator/src/engine/x.ts', "import { Dec, type IsoDate } from '@lib/common';"],
    ['libs/simulator/src/engine/x.ts', "import { Prng } from './prng';"],
    ['libs/simulator/src/engine/x.ts', "export { simulateTermSheet } from './monte-carlo';"],
    ['libs/simulator/src/engine/x.ts', "import { Decimal } from 'decimal.js';"],
    ['libs/claims/test/x.e2e-spec.ts', "import { StatementsModule } from '@lib/statements';"],
    ['libs/testing/src/x.ts', "import { ApiModule } from '../../../apps/api/src/api.module';"],
    ['apps/cli/src/seed/x.ts', "import { generate } from '../../../../scripts/gen-claims/claim-file-generator';"],
  ])('allows %s: %s', (path, code) => {
    expect(lint(path, code)).toEqual([]);
  });

  it.each([
    [
      'a lower library importing a higher one',
      'libs/ledger/src/x.ts',
      "import { statementNumber } from '@lib/statements';",
      'dependencies point down',
    ],
    [
      'a library importing its own index',
      'libs/claims/src/x.ts',
      "import { ClaimsModule } from '@lib/claims';",
      'its own files',
    ],
    [
      'a deep import into another library',
      'libs/statements/src/x.ts',
      "import { x } from '@lib/reconciliation/rules/volume';",
      'Deep import',
    ],
    ['a deep import from an app', 'apps/api/src/x.ts', "export { x } from '@lib/claims/parsing';", 'Deep import'],
    [
      'a relative path into another library',
      'libs/statements/src/x.ts',
      "import { x } from '../../ledger/src/ledger.service';",
      'leaves libs/statements/',
    ],
    [
      'a rule module importing the framework',
      'libs/statements/src/rules/x.ts',
      "import { Injectable } from '@nestjs/common';",
      'pure code',
    ],
    [
      'a rule module importing the database',
      'libs/reconciliation/src/year-close/year-close.rules.ts',
      "import { DataSource } from 'typeorm';",
      'pure code',
    ],
    [
      'a rule module importing a service',
      'libs/reconciliation/src/rules/x.ts',
      "import { ReconciliationService } from '../reconciliation.service';",
      'pure code',
    ],
    [
      "the simulator's engine importing the database",
      'libs/simulator/src/engine/x.ts',
      "import { DataSource } from 'typeorm';",
      'pure code',
    ],
    [
      "the simulator's engine importing a service",
      'libs/simulator/src/engine/x.ts',
      "import { SimulatorService } from '../simulator.service';",
      'pure code',
    ],
    ...(
      [
        ['the framework', "import { Injectable } from '@nestjs/common';"],
        ['the postgres driver', "import { Client } from 'pg';"],
        ['the queue', "import { Queue } from 'bullmq';"],
        ['the file system', "import { readFileSync } from 'node:fs';"],
        ['randomness from node:crypto', "import { randomUUID } from 'node:crypto';"],
        ["a library's service", "import { ReconciliationService } from '@lib/reconciliation';"],
        ["a library's entity (type only)", "import type { EpisodeEntity } from '@lib/reconciliation';"],
        ['a whole library', "import * as reconciliation from '@lib/reconciliation';"],
        ['a non-service file outside the engine', "import { simulationCsv } from '../simulation-csv';"],
        ['a module by dynamic import', "const m = await import('./prng');"],
      ] as const
    ).map(([what, code]) => [
      `the simulator's engine importing ${what}`,
      'libs/simulator/src/engine/x.ts',
      code,
      'pure code',
    ]),
    [
      'a rule module reading files',
      'libs/claims/src/parsing/x-rules.ts',
      "import { readFileSync } from 'node:fs';",
      'pure code',
    ],
  ])('refuses %s', (_name, path, code, message) => {
    const problems = lint(path, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('explains the layering in the message', () => {
    expect(importProblem('libs/agreements/src/x.ts', '@lib/reconciliation')).toMatch(
      /libs\/agreements may not import @lib\/reconciliation: .*declare a port in agreements/,
    );
  });
});

describe('no declaration shadows a built-in global (eslint no-restricted-syntax)', () => {
  const lintNames = (code: string): string[] =>
    new Linter({ configType: 'flat' })
      .verify(
        code,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tseslint.parser },
            rules: { 'no-restricted-syntax': builtInShadowing },
          },
        ],
        { filename: join(ROOT, 'libs/reference/src/x.ts') },
      )
      .map((m) => m.message);

  it.each([
    'export class ReferenceError extends Error {}',
    'export function Map() {}',
    'export const Promise = 1;',
    'export enum Date { A }',
  ])('refuses %s', (code) => {
    expect(lintNames(code)).toEqual([expect.stringContaining('shadows a built-in global')]);
  });

  it('allows specific names', () => {
    expect(lintNames('export class ReferenceDataError extends Error {}\nconst dates = new Map();')).toEqual([]);
  });
});
