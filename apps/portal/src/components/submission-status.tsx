import { words } from '../format';

/** What each processing step means to the analyst (the status itself stays visible too). */
const STEP_SENTENCE: Record<string, string> = {
  RECEIVED: 'Received, waiting to be processed',
  VALIDATING: 'Reading and checking the records',
  RECONCILING: 'Applying the claims and reconciling the episodes',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected: nothing from this file was applied',
  FAILED: 'Failed after several attempts: send the same file again to retry',
};

export function submissionStatusSentence(status: string): string {
  return STEP_SENTENCE[status] ?? words(status);
}

export function isFinished(status: string): boolean {
  return status === 'COMPLETED' || status === 'REJECTED' || status === 'FAILED';
}

export function SubmissionStatusBadge({ status }: { status: string }) {
  const tone = status === 'COMPLETED' ? 'good' : status === 'REJECTED' || status === 'FAILED' ? 'bad' : 'warn';
  return <span className={`badge ${tone}`}>{words(status)}</span>;
}
