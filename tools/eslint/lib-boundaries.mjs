// @ts-check
import path from 'node:path';

/**
 * The import rules of the monorepo (docs/architecture.md "Boundaries"), as one ESLint rule:
 * - a library imports only libraries below it (LAYERS), through `@lib/<name>`, never itself;
 * - nobody deep-imports another library (`@lib/<name>/...`) or reaches into another library's or
 *   app's folder by a relative path;
 * - rule modules (`src/rules/*.ts`, `*.rules.ts`, `*-rules.ts`) and engines (`src/engine/*.ts`,
 *   the simulator's Monte Carlo) import only pure code: no framework, database, queue or
 *   file-system module, and no service, entity, module, processor, resolver, controller, store
 *   or reader file.
 * Tests and libs/testing may import any library (never deep) and the apps' harness files.
 */
export const LAYERS = [
  'common',
  'config',
  'database',
  'queue',
  'audit',
  'auth',
  'reference',
  'agreements',
  'claims',
  'ledger',
  'reconciliation',
  'statements',
  'simulator',
];

const IMPURE_PACKAGES = [
  /^@nestjs\//,
  /^typeorm$/,
  /^bullmq$/,
  /^ioredis$/,
  /^pg(-copy-streams)?$/,
  /^express$/,
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads)$/,
];
const IMPURE_FILES = /\.(service|entity|entities|module|processor|resolver|controller|store|reader|loaders)(\.ts)?$/;

const isTest = (file) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(file) || /^(libs|apps)\/[^/]+\/test\//.test(file);
const isRuleModule = (file) =>
  !isTest(file) && (/^libs\/[^/]+\/src\/(.+\/)?(rules|engine)\/[^/]+\.ts$/.test(file) || /[.-]rules\.ts$/.test(file));

/** Repository-relative path of the linted file (forward slashes), or null outside apps/libs. */
function repoPath(filename, root) {
  const rel = path.relative(root, filename).split(path.sep).join('/');
  return /^(apps|libs)\//.test(rel) ? rel : null;
}

/** The problem with importing `source` from `file` (repository-relative), or null. */
export function importProblem(file, source) {
  const [top, owner] = file.split('/');
  const test = isTest(file) || (top === 'libs' && owner === 'testing');
  const deep = /^@lib\/([a-z-]+)\/.+/.exec(source);
  if (deep) return `Deep import into ${deep[1]}: import '@lib/${deep[1]}' (its index.ts) instead`;
  const lib = /^@lib\/([a-z-]+)$/.exec(source);
  if (lib && top === 'libs' && !test) {
    const target = lib[1];
    if (target === owner) return `A library imports its own files by relative path, not '@lib/${owner}'`;
    const from = LAYERS.indexOf(owner);
    const to = LAYERS.indexOf(target);
    if (to < 0 || from < 0 || to > from) {
      return `libs/${owner} may not import @lib/${target}: dependencies point down (${LAYERS.join(' <- ')}); declare a port in ${owner} and bind it from ${target}`;
    }
  }
  if (source.startsWith('.')) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), source));
    const home = `${top}/${owner}/`;
    const shared = top === 'apps' && /^(scripts|migrations)\//.test(resolved);
    if (!resolved.startsWith(home) && !test && !shared) {
      return `Relative import '${source}' leaves ${home}: go through '@lib/<name>'`;
    }
    if (isRuleModule(file) && IMPURE_FILES.test(resolved)) {
      return `Rule module imports ${source}: rule modules import only pure code (no services, entities, modules, stores)`;
    }
  }
  if (isRuleModule(file) && IMPURE_PACKAGES.some((p) => p.test(source))) {
    return `Rule module imports ${source}: rule modules import only pure code (no framework, database, queue or I/O)`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const libBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'library layering, no deep imports, pure rule modules' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = repoPath(context.filename, root);
    if (!file) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      const problem = importProblem(file, source);
      if (problem) context.report({ node: node.source, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportAllDeclaration: check,
      ExportNamedDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'lib-boundaries': libBoundaries } };
