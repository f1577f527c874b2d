import type { ResultOf } from 'gql.tada';
import { money, plural } from '../../format';
import type { SubmissionFields } from './submission-queries';

export type Submission = ResultOf<typeof SubmissionFields>;

/** The counts of a processed file in words: "1,204 records, 12 claims, 3 gene-therapy lines, ...". */
export function countsInWords(submission: Submission): string {
  const c = submission.counts;
  if (!c) return submission.totalRecordCount ? plural(submission.totalRecordCount, 'record') : 'Not counted yet';
  const exceptions = c.exceptionsByCode.reduce((sum, e) => sum + e.count, 0);
  return [
    plural(c.records, 'record'),
    plural(c.claimHeaders, 'claim'),
    plural(c.cgtLines, 'gene-therapy line'),
    plural(c.problems, 'record problem'),
    plural(exceptions, 'exception'),
    plural(c.episodesCreated, 'new episode'),
    plural(c.episodesChanged, 'changed episode'),
    `${plural(c.ledgerEntries, 'ledger entry', 'ledger entries')} (${money(c.ledgerSum)})`,
  ].join(', ');
}
