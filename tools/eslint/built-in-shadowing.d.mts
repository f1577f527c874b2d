import type { Linter } from 'eslint';

export declare const BUILT_INS: string[];
export declare const builtInShadowing: Linter.RuleEntry;
