// @ts-check

/** Built-in globals a declaration may not shadow (a module's own `ReferenceError` hid the real one). */
export const BUILT_INS = [
  'Error',
  'ReferenceError',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'EvalError',
  'URIError',
  'AggregateError',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Date',
  'Promise',
  'Symbol',
  'Proxy',
  'Reflect',
  'JSON',
  'Math',
  'Intl',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Function',
  'BigInt',
  'Buffer',
  'URL',
];

/** `no-restricted-syntax` options refusing classes, functions, variables and enums named like a built-in. */
export const builtInShadowing = [
  'error',
  ...['ClassDeclaration', 'FunctionDeclaration', 'VariableDeclarator', 'TSEnumDeclaration'].map((node) => ({
    selector: `${node}[id.name=/^(${BUILT_INS.join('|')})$/]`,
    message: 'This name shadows a built-in global: choose a specific one (e.g. ReferenceDataError).',
  })),
];
