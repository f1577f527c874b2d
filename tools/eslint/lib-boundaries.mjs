// @ts-check
import path from 'node:path';

/**
 * The import rules of the monorepo (docs/architecture.md "Boundaries"), as one ESLint rule:
 * - a library imports only libraries below it (LAYERS), through `@lib/<name>`, never itself;
 * - nobody deep-imports another library (`@lib/<name>/...`) or reaches into another library's or
 *   app's folder by a relative path;
 * - pure modules, i.e. rule modules (files in a `rules` folder under `libs/<name>/src`,
 *   `*.rules.ts`, `*-rules.ts`) and engines (files in an `engine` folder under `libs/<name>/src`:
 *   the simulator's Monte Carlo), import only pure code, by an allow-list: another pure module by
 *   relative path; named exports of a library (`@lib/<name>`, layering still applies) whose names
 *   do not mark them as framework, database, queue or I/O pieces (IMPURE_NAMES: ...Service,
 *   ...Module, ...Entity, ...Repository, DataSource, ...); the packages in PURE_PACKAGES.
 *   Everything else is refused: typeorm, @nestjs/*, pg, bullmq, node:fs and every other package or
 *   built-in, services and other non-pure files, namespace, side-effect and dynamic imports.
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

/** The only packages a pure module may import: decimal arithmetic and assertions. */
const PURE_PACKAGES = [/^decimal\.js$/, /^(node:)?assert(\/strict)?$/];
/** Exported names a pure module may not import from a library: framework, database, queue, I/O. */
const IMPURE_NAMES =
  /(Service|Module|Entity|Entities|Processor|Resolver|Controller|Store|Reader|Writer|Repository|Loader|Filter|Interceptor|Guard|Gateway|Queue|DataSource|Manager|Client|Logger|Clock)$/;

const isTest = (file) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(file) || /^(libs|apps)\/[^/]+\/test\//.test(file);
const isPureModule = (file) =>
  !isTest(file) && (/^libs\/[^/]+\/src\/(.+\/)?(rules|engine)\/.+\.ts$/.test(file) || /[.-]rules\.ts$/.test(file));

/**
 * The problem with a pure module importing `source` (`names`: the imported names, `*` for a
 * namespace import or `export *`, empty for a side-effect import), or null.
 */
function pureImportProblem(file, source, names) {
  const refuse = (why) => `Pure module imports ${source}: rule modules and engines import only pure code (${why})`;
  if (source.startsWith('.')) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), source)).replace(/\.js$/, '');
    if (isPureModule(`${resolved}.ts`) || isPureModule(`${resolved}/index.ts`)) return null;
    return refuse('other rule modules and engine files only; no services, entities, modules, stores');
  }
  if (/^@lib\/[a-z-]+$/.test(source)) {
    if (names.length === 0 || names.includes('*'))
      return refuse('name what is imported: no namespace, side-effect or export-all imports');
    const impure = names.filter((name) => IMPURE_NAMES.test(name));
    if (impure.length > 0) return refuse(`${impure.join(', ')}: no framework, database, queue or I/O`);
    return null;
  }
  if (PURE_PACKAGES.some((p) => p.test(source))) return null;
  return refuse('no framework, database, queue or I/O package or built-in');
}

/** Repository-relative path of the linted file (forward slashes), or null outside apps/libs. */
function repoPath(filename, root) {
  const rel = path.relative(root, filename).split(path.sep).join('/');
  return /^(apps|libs)\//.test(rel) ? rel : null;
}

/**
 * The problem with importing `source` from `file` (repository-relative), or null. `names` are the
 * imported names (`*` for a namespace import or `export *`, `import()` for a dynamic import).
 */
export function importProblem(file, source, names = ['*']) {
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
  }
  if (isPureModule(file))
    return names.includes('import()')
      ? `Pure module imports ${source} dynamically: rule modules and engines import only pure code, statically`
      : pureImportProblem(file, source, names);
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const libBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'library layering, no deep imports, pure rule modules and engines' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = repoPath(context.filename, root);
    if (!file) return {};
    const check = (node, names) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      const problem = importProblem(file, source, names);
      if (problem) context.report({ node: node.source, message: problem });
    };
    const nameOf = (n) => (n.type === 'Identifier' ? n.name : String(n.value));
    return {
      ImportDeclaration: (node) =>
        check(
          node,
          node.specifiers.map((s) =>
            s.type === 'ImportSpecifier' ? nameOf(s.imported) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*',
          ),
        ),
      ExportAllDeclaration: (node) => check(node, ['*']),
      ExportNamedDeclaration: (node) =>
        check(
          node,
          node.specifiers.map((s) => nameOf(s.local)),
        ),
      ImportExpression: (node) => check(node, ['import()']),
    };
  },
};

export default { rules: { 'lib-boundaries': libBoundaries } };
