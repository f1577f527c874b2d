// After a Jest run: for each test file that failed (var/test-results.json), prints the last lines
// of the log its in-process API and worker wrote (var/test-logs, errors by default; see
// libs/testing/src/test-config.ts), so that "Internal server error (error id ...)" in a CI
// failure comes with the error it names. Usage: node scripts/tools/failed-test-logs.mjs [lines]
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const lines = Number(process.argv[2] ?? 60);
const resultsFile = join(root, 'var', 'test-results.json');
if (!existsSync(resultsFile)) process.exit(0);
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
for (const file of results.testResults ?? []) {
  if (file.status !== 'failed') continue;
  const name = relative(root, file.name).replace(/[/\\]/g, '__');
  const log = join(root, 'var', 'test-logs', `${name}.log`);
  if (!existsSync(log)) {
    console.log(`--- ${relative(root, file.name)}: no app log`);
    continue;
  }
  const text = readFileSync(log, 'utf8').trimEnd().split('\n');
  console.log(`--- ${relative(root, file.name)}: last ${Math.min(lines, text.length)} of ${text.length} log lines`);
  console.log(text.slice(-lines).join('\n'));
}
