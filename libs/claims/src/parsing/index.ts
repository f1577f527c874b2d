export * from './claim-file-reader';
export * from './claim-rows';
export * from './copy-text';
export {
  type FileProblem,
  FileProblemCode,
  RECORD_PROBLEM_REASONS,
  type RecordProblem,
  RecordProblemReason,
  WITHHELD_VALUE,
  describeRecordProblem,
} from './parse-problems';
export * from './problem-limit';
export { type RelevanceFilter } from './relevance';
export * from './state-codes';
export * from './tmsis-profile';
export { isAmount, isDate, isInteger, isQuantity, toIsoDate } from './field-rules';
