import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const PORTAL = join(ROOT, 'apps', 'portal');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * A production build of the portal for the browser tests, made once per content: the sources'
 * hash names the folder (var/portal-e2e/<hash>), so test files share it and an edit rebuilds.
 * Built into a temporary folder and renamed, so parallel test files never see half a build.
 */
export function ensurePortalBuild(): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(PORTAL).sort()) {
    hash.update(relative(ROOT, file)).update(readFileSync(file));
  }
  const dir = join(ROOT, 'var', 'portal-e2e', hash.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'index.html'))) return dir;
  const temporary = `${dir}.${process.pid}.tmp`;
  mkdirSync(temporary, { recursive: true });
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(PORTAL, 'vite.config.mts'),
      '--outDir',
      temporary,
      '--logLevel',
      'error',
      // Test files build at once, each into its own temporary folder: Vite's one-build-per-project
      // lock would fail all but one of them.
      '--bypass-lock',
    ],
    // Jest sets NODE_ENV=test, which would give React's development build: test what ships.
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  try {
    renameSync(temporary, dir);
  } catch (error) {
    // Another test file finished the same build first: use theirs.
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(join(dir, 'index.html'))) throw error;
  }
  return dir;
}
