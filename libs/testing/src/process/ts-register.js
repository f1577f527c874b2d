// Tests only: lets a child process run the TypeScript sources directly (`node -r <this> x.ts`).
// SWC compiles each .ts file on require with the build's own options (.swcrc), so `@lib/*`
// imports resolve as in the build, without a dist folder.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..', '..', '..');
const options = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete options.$schema;
options.swcrc = false;
options.sourceMaps = 'inline';
options.jsc.baseUrl = root;

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
