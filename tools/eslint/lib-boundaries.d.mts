import type { ESLint } from 'eslint';

export declare const LAYERS: string[];
export declare function importProblem(file: string, source: string): string | null;
declare const plugin: ESLint.Plugin;
export default plugin;
