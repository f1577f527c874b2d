import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * One owner per table: the library that declares its entity (or, for tables without one, the
 * library named here) is the only code that writes it; others go through its service or a port
 * it implements. Pure: tests feed it source text.
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
  claim_stage_problem: 'claims',
  claim_stage_straggler: 'claims',
  ledger_period_close: 'ledger',
  login_throttle: 'auth',
  reconciliation_request: 'reconciliation',
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

/** Tables declared with `@Entity('table')`, by the library declaring them. */
export function entityOwners(files: readonly SourceFile[]): {
  tables: Map<string, string>;
  classes: Map<string, string>;
} {
  const tables = new Map<string, string>();
  const classes = new Map<string, string>();
  for (const file of files) {
    for (const m of file.text.matchAll(/@Entity\('([a-z_]+)'\)\s*(?:@[^\n]*\n\s*)*export class (\w+)/g)) {
      const [, table = '', className = ''] = m;
      tables.set(table, libraryOf(file.path));
      classes.set(className, table);
    }
  }
  return { tables, classes };
}

const SQL_WRITES = [
  /\bINSERT\s+INTO\s+([a-z_]+)/gi,
  /\bCOPY\s+([a-z_]+)\s*(?:\([^)]*\)\s*)?FROM\b/gi,
  /\bUPDATE\s+([a-z_]+)\s+(?:[a-z]\s+)?SET\b/gi,
  /\bDELETE\s+FROM\s+([a-z_]+)/gi,
  /\bTRUNCATE\s+(?:TABLE\s+)?([a-z_]+)/gi,
];
const REPOSITORY_WRITE = '(?:insert|update|delete|upsert|save|remove|softDelete|increment|decrement)';
/**
 * TypeORM writes naming the entity class: manager.insert(X, ...), manager.save(X, ...), a
 * repository of X writing, query builders inserting into, updating or deleting from X or 'x'.
 */
const ENTITY_WRITES = [
  /\.(?:insert|update|delete|upsert|save|remove|softDelete|increment|decrement)\(\s*(\w+Entity)\b/g,
  /\.create\(\s*(\w+Entity)\b/g,
  new RegExp(`getRepository\\(\\s*(\\w+Entity)\\s*\\)\\s*\\.${REPOSITORY_WRITE}\\(`, 'g'),
  /\.insert\(\)\s*\.into\(\s*(\w+Entity)\b/g,
  /\.delete\(\)\s*\.from\(\s*(\w+Entity)\b/g,
];
/** Query builders naming the table: .insert().into('x'), .update('x'), .delete().from('x'). */
const QUERY_BUILDER_TABLE_WRITES = [
  /\.insert\(\)\s*\.into\(\s*'([a-z_]+)'/g,
  /\.update\(\s*'([a-z_]+)'/g,
  /\.delete\(\)\s*\.from\(\s*'([a-z_]+)'/g,
];
/**
 * Repositories held in a name: `@InjectRepository(X) private readonly xs: Repository<X>`,
 * `const xs = manager.getRepository(X)`, `private readonly xs = dataSource.getRepository(X)`.
 */
const REPOSITORY_NAMES = [
  /@InjectRepository\(\s*(\w+Entity)\s*\)\s*(?:(?:private|protected|public|readonly)\s+)*(\w+)/g,
  /\b(\w+)\s*=\s*[\w.]+\.getRepository\(\s*(\w+Entity)\s*\)/g,
];

/** Names bound to a repository of an entity class in this file, with the class. */
function repositoryNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of text.matchAll(REPOSITORY_NAMES[0])) names.set(m[2] ?? '', m[1] ?? '');
  for (const m of text.matchAll(REPOSITORY_NAMES[1])) names.set(m[1] ?? '', m[2] ?? '');
  return names;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Every write a source file makes, resolved to tables. */
export function writesIn(file: SourceFile, entityTables: Map<string, string>): TableWrite[] {
  const writes: TableWrite[] = [];
  const writer = libraryOf(file.path);
  for (const pattern of SQL_WRITES) {
    for (const m of file.text.matchAll(pattern)) {
      const table = (m[1] ?? '').toLowerCase();
      writes.push({ path: file.path, line: lineOf(file.text, m.index), table, writer });
    }
  }
  for (const pattern of QUERY_BUILDER_TABLE_WRITES) {
    for (const m of file.text.matchAll(pattern)) {
      writes.push({ path: file.path, line: lineOf(file.text, m.index), table: m[1] ?? '', writer });
    }
  }
  for (const pattern of ENTITY_WRITES) {
    for (const m of file.text.matchAll(pattern)) {
      const table = entityTables.get(m[1] ?? '');
      if (table) writes.push({ path: file.path, line: lineOf(file.text, m.index), table, writer });
    }
  }
  for (const [name, entity] of repositoryNames(file.text)) {
    const table = entityTables.get(entity);
    if (!table) continue;
    for (const m of file.text.matchAll(new RegExp(`\\b${name}\\s*\\.${REPOSITORY_WRITE}\\(`, 'g'))) {
      writes.push({ path: file.path, line: lineOf(file.text, m.index), table, writer });
    }
  }
  return writes;
}

/** Writes by anyone but the table's owner, and writes to tables nobody owns. */
export function ownershipViolations(files: readonly SourceFile[]): OwnershipViolation[] {
  const { tables, classes } = entityOwners(files);
  const owners = new Map([...Object.entries(TABLES_WITHOUT_ENTITY), ...tables]);
  return files
    .flatMap((file) => writesIn(file, classes))
    .filter((w) => owners.get(w.table) !== w.writer)
    .map((w) => ({ ...w, owner: owners.get(w.table) }));
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
