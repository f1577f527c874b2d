import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { Empty, QueryView } from '../../components/states';
import { SubmissionStatusBadge } from '../../components/submission-status';
import { bytes, dateTime, plural } from '../../format';
import { useUser } from '../../session-context';
import { countsInWords } from './submission-counts';
import { SubmissionFields } from './submission-queries';
import { UploadPanel } from './upload-panel';

const SubmissionsQuery = graphql(
  `
    query PortalSubmissions($filter: ClaimSubmissionFilterInput, $after: String) {
      claimSubmissions(first: 25, filter: $filter, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...SubmissionFields
          }
        }
      }
    }
  `,
  [SubmissionFields],
);

/** State analysts: submit a claim file and see the state's submission history with counts in words. */
export function SubmissionsPage() {
  const user = useUser();
  const [after, setAfter] = useState<string | null>(null);
  const history = useQuery(SubmissionsQuery, { filter: user.stateCode ? { stateCode: user.stateCode } : null, after });
  const reload = history.reload;
  const onFinished = useCallback(() => reload(), [reload]);

  return (
    <>
      <h1>Claim files{user.stateCode ? ` of ${user.stateCode}` : ''}</h1>
      {user.stateCode && <UploadPanel stateCode={user.stateCode} onFinished={onFinished} />}
      <h2>Submission history</h2>
      <QueryView state={history} what="submissions">
        {({ claimSubmissions }) =>
          claimSubmissions.edges.length === 0 ? (
            <Empty>No claim file has been submitted yet.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{plural(claimSubmissions.totalCount, 'submission')}, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Received</th>
                      <th scope="col">Status</th>
                      <th scope="col">What it contained</th>
                    </tr>
                  </thead>
                  <tbody>
                    {claimSubmissions.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>
                          <Link to={`/submissions/${node.id}`}>{node.originalFileName ?? 'Unnamed file'}</Link>
                          <div className="muted">{bytes(node.byteSize)}</div>
                        </td>
                        <td>{dateTime(node.receivedAt)}</td>
                        <td>
                          <SubmissionStatusBadge status={node.status} />
                        </td>
                        <td>{node.status === 'REJECTED' ? node.rejectionReason : countsInWords(node)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="actions">
                {after && (
                  <button type="button" className="secondary" onClick={() => setAfter(null)}>
                    Newest
                  </button>
                )}
                {claimSubmissions.pageInfo.hasNextPage && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setAfter(claimSubmissions.pageInfo.endCursor)}
                  >
                    Older submissions
                  </button>
                )}
              </div>
            </>
          )
        }
      </QueryView>
    </>
  );
}
