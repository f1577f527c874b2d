// Bundle budget of the portal (initial JavaScript at most 300 KB gzipped). Reads the
// built index.html, gzips the scripts it loads at once (entry + modulepreload) and prints them,
// the lazily loaded chunks and the CSS. Exits 1 above the budget.
// Usage: node scripts/portal/bundle-budget.mjs [portalDir] (default dist/portal)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET_BYTES = 300 * 1024;

const dir = process.argv[2] ?? 'dist/portal';
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]),
);
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let initialTotal = 0;
let lazyTotal = 0;
let cssTotal = 0;
for (const name of readdirSync(join(dir, 'assets')).sort()) {
  const file = `assets/${name}`;
  const size = gz(file);
  if (initial.has(file)) initialTotal += size;
  else if (name.endsWith('.js')) lazyTotal += size;
  else if (name.endsWith('.css')) cssTotal += size;
}
const ok = initialTotal <= INITIAL_JS_BUDGET_BYTES;
console.log(
  `portal bundle (gzip): initial JS ${kb(initialTotal)} of ${kb(INITIAL_JS_BUDGET_BYTES)} budget, ` +
    `lazy JS ${kb(lazyTotal)}, CSS ${kb(cssTotal)}, total ${kb(initialTotal + lazyTotal + cssTotal)}` +
    (ok ? '' : ' -- OVER BUDGET'),
);
if (initial.size === 0) {
  console.error('bundle-budget: no script found in index.html');
  process.exit(1);
}
process.exit(ok ? 0 : 1);
