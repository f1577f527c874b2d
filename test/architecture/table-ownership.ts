import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * One owner per table: the library that declares its entity (or, for tables without one, the
 * library named here) is the only code that writes it; others go through its service or a port
 * it implements. Pure: tests feed it source text, which it reads with the TypeScript parser
 * (syntax only, no type checker) so that SQL is looked for in string literals only and TypeORM
 * calls are matched on the call's shape, not on text.
 */
export const TABLES_WITHOUT_ENTITY: Record<string, string> = {
  claim_version: 'claims',
  claim_version_digest: 'claims',
  // Temporary tables the staging step creates ON COMMIT DROP.
  fresh_version: 'claims',
  relevant_family: 'claims',
  claim_line: 'claims',
  claim_diagnosis: 'claims',
  claim_stage_header: 'claims',
  claim_stage_line: 'claims',
  claim_stage_diagnosis: 'claims',
  claim_stage_straggler: 'claims',
  claim_stage_problem: 'claims',
  ledger_period_close: 'ledger',
  login_throttle: 'auth',
  reconciliation_request: 'reconciliation',
  state_reconciliation: 'reconciliation',
};

/** The table of a write whose table name is computed (`COPY ${table} ...`, `.into(target)`). */
export const COMPUTED = '(computed)';

const STAGING_TABLES = [
  'claim_stage_header',
  'claim_stage_line',
  'claim_stage_diagnosis',
  'claim_stage_straggler',
  'claim_stage_problem',
];

/**
 * The files allowed to write a table whose name they compute, with the tables they may write and
 * why. Each listed table is still checked against its owner; a computed write anywhere else is a
 * violation.
 */
export const COMPUTED_TABLE_WRITES: Record<string, { tables: string[]; reason: string }> = {
  'libs/claims/src/staging/claim-staging.writer.ts': {
    tables: STAGING_TABLES,
    reason: 'StagingCopy runs COPY ${table} ... FROM STDIN for each staging table ClaimStagingWriter.open names',
  },
  'libs/claims/src/staging/claim-staging.sql.ts': {
    tables: STAGING_TABLES,
    reason: 'clearStaging runs DELETE FROM ${table} for each of its STAGING_TABLES',
  },
  'libs/claims/src/staging/digest-months.sql.ts': {
    tables: ['claim_version_digest'],
    reason: 'buildDigestMonth runs INSERT INTO ${table} for a new month partition of claim_version_digest',
  },
};

export interface SourceFile {
  /** Repository-relative path with forward slashes, e.g. `libs/ledger/src/ledger.service.ts`. */
  path: string;
  text: string;
}

export interface TableWrite {
  path: string;
  line: number;
  table: string;
  /** The library (or `apps/<name>`) the writing file belongs to. */
  writer: string;
}

export interface OwnershipViolation extends TableWrite {
  owner: string | undefined;
}

/** `libs/<name>/...` -> name, `apps/<name>/...` -> `apps/<name>`. */
export function libraryOf(path: string): string {
  const [root, name] = path.split('/');
  return root === 'libs' ? (name ?? '') : `${root}/${name}`;
}

const parsed = new WeakMap<SourceFile, ts.SourceFile>();
function parse(file: SourceFile): ts.SourceFile {
  let tree = parsed.get(file);
  if (!tree) {
    tree = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(file, tree);
  }
  return tree;
}

function visit(node: ts.Node, f: (node: ts.Node) => void): void {
  f(node);
  ts.forEachChild(node, (child) => visit(child, f));
}

/** `name(...)` decorators of a class, property or parameter, as call expressions. */
function decoratorCalls(node: ts.Node, name: string): ts.CallExpression[] {
  const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
  return decorators
    .map((d) => d.expression)
    .filter((e): e is ts.CallExpression => ts.isCallExpression(e))
    .filter((e) => ts.isIdentifier(e.expression) && e.expression.text === name);
}

const snakeCase = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Tables declared with `@Entity('table')` (or `@Entity({ name })`, or TypeORM's default name). */
export function entityOwners(files: readonly SourceFile[]): {
  tables: Map<string, string>;
  classes: Map<string, string>;
} {
  const tables = new Map<string, string>();
  const classes = new Map<string, string>();
  for (const file of files) {
    visit(parse(file), (node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const [entity] = decoratorCalls(node, 'Entity');
      if (!entity) return;
      const [arg] = entity.arguments;
      let table = snakeCase(node.name.text);
      if (arg && ts.isStringLiteral(arg)) table = arg.text;
      if (arg && ts.isObjectLiteralExpression(arg)) {
        for (const p of arg.properties) {
          if (ts.isPropertyAssignment(p) && p.name.getText() === 'name' && ts.isStringLiteral(p.initializer)) {
            table = p.initializer.text;
          }
        }
      }
      tables.set(table, libraryOf(file.path));
      classes.set(node.name.text, table);
    });
  }
  return { tables, classes };
}

/** A table in SQL: optionally schema-qualified, optionally quoted, or `${...}` (computed). */
const NAME = String.raw`(?:"?[a-z_]\w*"?\.)?(?:"?[a-z_]\w*"?|\$\{\s*\})`;
const SQL_WRITES = [
  new RegExp(String.raw`\bINSERT\s+INTO\s+(${NAME})`, 'gi'),
  new RegExp(String.raw`\bMERGE\s+INTO\s+(${NAME})`, 'gi'),
  new RegExp(String.raw`\bCOPY\s+(${NAME})\s*(?:\([^)]*\)\s*)?FROM\b`, 'gi'),
  new RegExp(String.raw`\bUPDATE\s+(?:ONLY\s+)?(${NAME})(?:\s+(?:AS\s+)?"?[a-z_]\w*"?)?\s+SET\b`, 'gi'),
  new RegExp(String.raw`\bDELETE\s+FROM\s+(?:ONLY\s+)?(${NAME})`, 'gi'),
  new RegExp(String.raw`\bTRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?(${NAME}(?:\s*,\s*${NAME})*)`, 'gi'),
];

/** `public."statement"` -> statement, `${table}` -> COMPUTED. */
function sqlTable(name: string): string {
  if (name.includes('${')) return COMPUTED;
  return (name.split('.').pop() ?? '').replace(/"/g, '').toLowerCase();
}

/**
 * The source text of a string or template literal, each `${...}` emptied to `${   }` (same
 * length and line breaks, so positions still point into the file), or null for other nodes.
 */
function literalText(node: ts.Node, tree: ts.SourceFile): string | null {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node) && !ts.isTemplateExpression(node)) {
    return null;
  }
  const start = node.getStart(tree);
  let text = node.getText(tree);
  if (ts.isTemplateExpression(node)) {
    for (const span of node.templateSpans) {
      const from = span.expression.getStart(tree) - start;
      const to = span.expression.getEnd() - start;
      text = text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, ' ') + text.slice(to);
    }
  }
  return text;
}

/** TypeORM methods that write, on an EntityManager (with the class first) or a Repository. */
const WRITE_METHODS = new Set([
  'insert',
  'update',
  'upsert',
  'save',
  'delete',
  'remove',
  'softDelete',
  'softRemove',
  'restore',
  'recover',
  'increment',
  'decrement',
  'clear',
  // Builds the instance that is saved next (`manager.save(manager.create(X, ...))`).
  'create',
]);

/** Methods that write the entities they are given (`manager.save(statement)`). */
const INSTANCE_WRITES = new Set(['save', 'remove', 'softRemove', 'recover']);
/** Methods that load or make entities of the class they are given (or of their repository). */
const LOAD_METHODS = new Set([
  'create',
  'preload',
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
]);

/** `x`, `this.x` -> 'x'; anything else -> null. */
function boundName(node: ts.Node): string | null {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return node.name.text;
  }
  return null;
}

/** `receiver.method(...)` -> [receiver, method]. */
function methodCall(node: ts.Node): [ts.Expression, string, ts.CallExpression] | null {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return null;
  return [node.expression.expression, node.expression.name.text, node];
}

/** The writes of one file, resolved to tables (COMPUTED when the file computes the name). */
export function writesIn(file: SourceFile, entityTables: Map<string, string>): TableWrite[] {
  const tree = parse(file);
  const writer = libraryOf(file.path);
  const writes = new Map<string, TableWrite>();
  /** Records a write at `node` (for a call, at its method name: the line a chain writes on). */
  const write = (node: ts.Node, table: string, offset = 0): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) node = node.expression.name;
    const line = tree.getLineAndCharacterOfPosition(node.getStart(tree) + offset).line + 1;
    writes.set(`${line} ${table}`, { path: file.path, line, table, writer });
  };

  const entityTable = (node: ts.Node | undefined): string | undefined =>
    node && ts.isIdentifier(node) ? entityTables.get(node.text) : undefined;
  /** A table argument of a query builder: an entity class, a table name, or computed. */
  const tableArg = (node: ts.Node): string =>
    entityTable(node) ?? (ts.isStringLiteralLike(node) ? sqlTable(node.text) : COMPUTED);

  // Names holding a repository of an entity (`@InjectRepository(X) private readonly xs`,
  // `xs: Repository<X>`, `const xs = manager.getRepository(X)`, `this.xs = ...`) and names
  // holding a query builder (`const qb = ....createQueryBuilder(...)`), file-wide.
  const repositories = new Map<string, string>();
  // Names holding an entity loaded or made in this file (`const s = await
  // manager.findOneByOrFail(X, ...)`, `manager.create(X, ...)`, `new X()`, `await xs.findBy(...)`).
  const instances = new Map<string, string>();
  const builders = new Map<string, ts.CallExpression>();
  const repositoryOf = (node: ts.Node): string | undefined => {
    const call = methodCall(node);
    if (call?.[1] === 'getRepository') return entityTable(call[2].arguments[0]);
    const name = boundName(node);
    return name === null ? undefined : repositories.get(name);
  };
  /** The `createQueryBuilder(...)` call a builder chain starts from, if it can be seen. */
  const builderOf = (node: ts.Node): ts.CallExpression | undefined => {
    for (let n: ts.Node = node; ;) {
      const call = methodCall(n);
      if (call?.[1] === 'createQueryBuilder') return call[2];
      if (ts.isCallExpression(n)) n = n.expression;
      else if (ts.isPropertyAccessExpression(n) && n.expression.kind !== ts.SyntaxKind.ThisKeyword) n = n.expression;
      else {
        const name = boundName(n);
        return name === null ? undefined : builders.get(name);
      }
    }
  };
  /** The entity a builder is for: `createQueryBuilder(X, 'x')` or `repositoryOfX.createQueryBuilder()`. */
  const builderTable = (builder: ts.CallExpression): string | undefined =>
    entityTable(builder.arguments[0]) ??
    (ts.isPropertyAccessExpression(builder.expression) ? repositoryOf(builder.expression.expression) : undefined);
  /** The entity a value loads or makes: `await manager.findOne(X, ...)`, `new X()`, ... */
  const instanceOf = (node: ts.Node): string | undefined => {
    const value = ts.isAwaitExpression(node) ? node.expression : node;
    if (ts.isNewExpression(value)) return entityTable(value.expression);
    const call = methodCall(value);
    if (!call || !LOAD_METHODS.has(call[1])) return undefined;
    return entityTable(call[2].arguments[0]) ?? repositoryOf(call[0]);
  };
  const bind = (name: ts.Node | undefined, value: ts.Node | undefined, type?: ts.TypeNode): void => {
    const key = name ? boundName(name) : null;
    if (key === null) return;
    const [entity] =
      type && ts.isTypeReferenceNode(type) && type.typeName.getText(tree) === 'Repository'
        ? (type.typeArguments ?? [])
        : [];
    const typed = entity && ts.isTypeReferenceNode(entity) ? entityTable(entity.typeName) : undefined;
    if (typed) repositories.set(key, typed);
    if (!value) return;
    const loaded = instanceOf(value);
    if (loaded) instances.set(key, loaded);
    const table = repositoryOf(value);
    if (table) repositories.set(key, table);
    const builder = builderOf(value);
    if (builder) builders.set(key, builder);
  };
  visit(tree, (node) => {
    if (ts.isParameter(node) || ts.isPropertyDeclaration(node)) {
      const [inject] = decoratorCalls(node, 'InjectRepository');
      const table = entityTable(inject?.arguments[0]);
      if (table && ts.isIdentifier(node.name)) repositories.set(node.name.text, table);
      bind(node.name, node.initializer, node.type);
    } else if (ts.isVariableDeclaration(node)) {
      bind(node.name, node.initializer, node.type);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      bind(node.left, node.right);
    }
  });

  visit(tree, (node) => {
    const text = literalText(node, tree);
    if (text !== null) {
      for (const pattern of SQL_WRITES) {
        for (const m of text.matchAll(pattern)) {
          for (const name of (m[1] ?? '').split(',')) write(node, sqlTable(name.trim()), m.index);
        }
      }
      return;
    }
    const call = methodCall(node);
    if (!call) return;
    const [receiver, method, expr] = call;
    const [first] = expr.arguments;
    // manager.save(X, ...), manager.insert(X, ...), ...: the entity class comes first.
    const named = WRITE_METHODS.has(method) ? entityTable(first) : undefined;
    if (named) write(node, named);
    // An entity loaded or made in this file, saved without its class: manager.save(statement).
    const instance = INSTANCE_WRITES.has(method) && first ? instances.get(boundName(first) ?? '') : undefined;
    if (instance) write(node, instance);
    // A repository writing: manager.getRepository(X).save(...), this.xs.insert(...), ...
    const repository = WRITE_METHODS.has(method) ? repositoryOf(receiver) : undefined;
    if (repository) write(node, repository);
    // Query builders: .insert().into(X | 'x'), .delete().from(X | 'x'), .update(X | 'x'), and
    // .update() / .delete() / .insert() on a builder made for an entity.
    const previous = methodCall(receiver)?.[1];
    if (method === 'into' && previous === 'insert' && first) write(node, tableArg(first));
    if (method === 'from' && (previous === 'delete' || previous === 'softDelete') && first)
      write(node, tableArg(first));
    if (['update', 'insert', 'delete', 'softDelete', 'restore'].includes(method)) {
      const builder = builderOf(receiver);
      if (!builder) return;
      if (method === 'update' && first && !ts.isObjectLiteralExpression(first)) write(node, tableArg(first));
      else {
        const table = builderTable(builder);
        if (table) write(node, table);
      }
    }
  });
  return [...writes.values()];
}

/** Each table's owner: the library declaring its entity, or the one TABLES_WITHOUT_ENTITY names. */
export function tableOwners(files: readonly SourceFile[]): Map<string, string> {
  return new Map([...Object.entries(TABLES_WITHOUT_ENTITY), ...entityOwners(files).tables]);
}

/**
 * The writes by anyone but the table's owner, writes to tables nobody owns, and computed writes
 * outside COMPUTED_TABLE_WRITES (a listed file's computed write counts as a write to each of its
 * tables).
 */
export function violationsAmong(writes: readonly TableWrite[], owners: Map<string, string>): OwnershipViolation[] {
  return writes
    .flatMap((w) =>
      w.table === COMPUTED && COMPUTED_TABLE_WRITES[w.path]
        ? COMPUTED_TABLE_WRITES[w.path].tables.map((table) => ({ ...w, table }))
        : [w],
    )
    .filter((w) => owners.get(w.table) !== w.writer)
    .map((w) => ({ ...w, owner: owners.get(w.table) }));
}

/** Every write in `files` that breaks the ownership rule (violationsAmong). */
export function ownershipViolations(files: readonly SourceFile[]): OwnershipViolation[] {
  const { classes } = entityOwners(files);
  return violationsAmong(
    files.flatMap((file) => writesIn(file, classes)),
    tableOwners(files),
  );
}

/** The production sources: apps/<app>/src and libs/<lib>/src, tests and the testing library excluded. */
export function productionSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) {
        files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const top of ['apps', 'libs']) {
    for (const entry of readdirSync(join(root, top), { withFileTypes: true })) {
      if (!entry.isDirectory() || (top === 'libs' && entry.name === 'testing')) continue;
      walk(join(root, top, entry.name, 'src'));
    }
  }
  return files;
}
