import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
}

/**
 * The Node options of `npm run start:<app>` in package.json (the worker's heap limit): the demo
 * and the ingest bench start each app exactly as it is deployed (README "Security").
 */
export function startScriptNodeOptions(app: 'api' | 'worker', packageJsonPath: string): string[] {
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { scripts: Record<string, string> };
  const script = manifest.scripts[`start:${app}`];
  if (!script) throw new Error(`${packageJsonPath} has no start:${app} script`);
  return script.split(/\s+/).filter((arg) => arg.startsWith('--'));
}

/** Starts one of the platform's apps from dist/ with the demo environment, as `npm run start:<app>` does. */
export function startApp(name: 'api' | 'worker', env: NodeJS.ProcessEnv, distDir: string): ManagedProcess {
  const nodeOptions = startScriptNodeOptions(name, join(distDir, '..', 'package.json'));
  const child = spawn(process.execPath, [...nodeOptions, join(distDir, 'apps', name, 'src', 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (line: string) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let index: number;
      while ((index = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, index);
        buffered = buffered.slice(index + 1);
        if (process.env.DEMO_VERBOSE || !line.startsWith('{')) process.stdout.write(`${prefix(line)}\n`);
      }
    });
  }
  return { name, child };
}

export async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}

export function stopAll(processes: ManagedProcess[]): Promise<void> {
  return Promise.all(
    processes.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  ).then(() => undefined);
}
