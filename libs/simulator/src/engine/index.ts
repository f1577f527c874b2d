// The term-sheet simulator's pure core: no Nest, no database (importable by a worker or a bench).
export * from './simulation-input';
export * from './simulation-result';
export { simulateTermSheet, InvalidSimulationSpec, type SimulateOptions } from './monte-carlo';
export { compareTermSheets, type ComparisonResult, type SensitivityRow } from './comparison';
export { centsText, type Stats } from './statistics';
