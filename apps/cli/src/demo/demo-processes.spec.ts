import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, startScriptNodeOptions, stopAll } from './demo-processes';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * README "Security", row "Worker memory in the demo": `npm run demo` started the worker without
 * its heap limit.
 */
describe('the demo starts each app as `npm run start:<app>` does', () => {
  it("reads the Node options of the repository's start scripts", () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts['start:worker']).toContain('--max-old-space-size=256');
    expect(startScriptNodeOptions('worker', join(ROOT, 'package.json'))).toEqual(['--max-old-space-size=256']);
    expect(startScriptNodeOptions('api', join(ROOT, 'package.json'))).toEqual(['--max-semi-space-size=8']);
  });

  it('spawns the app with those options (the child reports its own execArgv)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cgt-demo-options-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'apps', 'worker', 'src'), { recursive: true });
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({
        scripts: { 'start:worker': 'node --max-old-space-size=123 --no-warnings dist/apps/worker/src/main.js' },
      }),
    );
    writeFileSync(join(dist, 'apps', 'worker', 'src', 'main.js'), 'console.log(JSON.stringify(process.execArgv));');
    const worker = startApp('worker', { PATH: process.env.PATH }, dist);
    let output = '';
    worker.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => worker.child.once('exit', resolve));
    await stopAll([worker]);
    expect(JSON.parse(output.trim())).toEqual(['--max-old-space-size=123', '--no-warnings']);
  });
});
