import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The portal's typed operations are checked against apps/portal/src/graphql-env.d.ts, generated
 * from schema.gql. When the schema changes without regenerating it, the portal would type-check
 * against the old schema: this fails until `npm run portal:graphql-env` is run.
 */
describe('portal GraphQL types', () => {
  it('match the committed schema.gql', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cgt-tada-')), 'graphql-env.d.ts');
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'gql.tada', 'bin', 'cli.js'),
        'generate',
        'output',
        '--tsconfig',
        'apps/portal/tsconfig.json',
        '--output',
        out,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const committed = readFileSync(join(ROOT, 'apps', 'portal', 'src', 'graphql-env.d.ts'), 'utf8');
    expect(readFileSync(out, 'utf8') === committed).toBe(true);
  });
});
