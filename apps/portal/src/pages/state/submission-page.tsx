import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { DownloadLink } from '../../components/download-link';
import { Empty, QueryView } from '../../components/states';
import { submissionStatusSentence, SubmissionStatusBadge } from '../../components/submission-status';
import { bytes, count, date, dateTime } from '../../format';
import { countsInWords } from './submission-counts';
import { SubmissionQuery } from './submission-queries';

const ProblemsQuery = graphql(`
  query PortalRecordProblems($submissionId: ID!, $reason: String, $after: String) {
    recordProblems(submissionId: $submissionId, reason: $reason, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          recordNumber
          icnOrig
          fieldName
          value
          reason
          reasonLabel
          message
        }
      }
    }
  }
`);

const ExceptionsQuery = graphql(`
  query PortalClaimExceptions($submissionId: ID!, $code: String, $after: String) {
    claimExceptions(submissionId: $submissionId, code: $code, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          codeLabel
          recordNumber
          icnOrig
          fieldName
          reason
        }
      }
    }
  }
`);

/** One submission: what it contained, its record problems and its exceptions, filterable, with CSV. */
export function SubmissionPage() {
  const { id = '' } = useParams();
  const submission = useQuery(SubmissionQuery, { id });
  return (
    <>
      <p>
        <Link to="/submissions">← Claim files</Link>
      </p>
      <QueryView state={submission} what="the submission">
        {({ claimSubmission: s }) => (
          <>
            <h1>{s.originalFileName ?? 'Claim file'}</h1>
            <div className="card">
              <p>
                <SubmissionStatusBadge status={s.status} /> {submissionStatusSentence(s.status)}
              </p>
              {s.rejectionReason && <p className="state-error">{s.rejectionReason}</p>}
              <dl className="facts">
                <dt>State</dt>
                <dd>{s.stateCode}</dd>
                <dt>Received</dt>
                <dd>{dateTime(s.receivedAt)}</dd>
                <dt>Finished</dt>
                <dd>{dateTime(s.finishedAt)}</dd>
                <dt>Period</dt>
                <dd>
                  {date(s.periodStart)} to {date(s.periodEnd)}
                </dd>
                <dt>Size</dt>
                <dd>{bytes(s.byteSize)}</dd>
                <dt>Contents</dt>
                <dd data-testid="submission-counts">{countsInWords(s)}</dd>
              </dl>
            </div>
            <ProblemsTable submissionId={s.id} />
            <ExceptionsTable submissionId={s.id} />
          </>
        )}
      </QueryView>
    </>
  );
}

function ProblemsTable({ submissionId }: { submissionId: string }) {
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const all = useQuery(ProblemsQuery, { submissionId, reason: null, after: null });
  const shown = useQuery(ProblemsQuery, { submissionId, reason: reason || null, after: null });
  const reasons = new Map((all.data?.recordProblems.edges ?? []).map(({ node }) => [node.reason, node.reasonLabel]));
  const needle = text.trim().toLowerCase();
  return (
    <section aria-labelledby="problems-heading">
      <h2 id="problems-heading">Record problems</h2>
      <div className="filters">
        <div>
          <label htmlFor="problem-reason">Reason</label>
          <select id="problem-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">All reasons</option>
            {[...reasons].map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="problem-text">Contains</label>
          <input id="problem-text" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <DownloadLink href={`/v1/claim-submissions/${submissionId}/problems.csv`}>Download problems (CSV)</DownloadLink>
      </div>
      <QueryView state={shown} what="record problems">
        {({ recordProblems }) => {
          const rows = recordProblems.edges
            .map((e) => e.node)
            .filter(
              (p) =>
                !needle ||
                [p.reasonLabel, p.message, p.fieldName, p.value, p.icnOrig].some((v) =>
                  v?.toLowerCase().includes(needle),
                ),
            );
          return rows.length === 0 ? (
            <Empty>No record problems{reason || needle ? ' match the filter' : ' in this file'}.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>
                  {count(recordProblems.totalCount)} record problems
                  {recordProblems.pageInfo.hasNextPage ? ' (the first 100 shown; the CSV has all)' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Record
                    </th>
                    <th scope="col">Claim</th>
                    <th scope="col">Field</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={p.id}>
                      <td className="num">{count(p.recordNumber)}</td>
                      <td className="mono">{p.icnOrig ?? '—'}</td>
                      <td>{p.fieldName ?? '—'}</td>
                      <td>{p.reasonLabel}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}

function ExceptionsTable({ submissionId }: { submissionId: string }) {
  const [code, setCode] = useState('');
  const all = useQuery(ExceptionsQuery, { submissionId, code: null, after: null });
  const shown = useQuery(ExceptionsQuery, { submissionId, code: code || null, after: null });
  const codes = new Map((all.data?.claimExceptions.edges ?? []).map(({ node }) => [node.code, node.codeLabel]));
  return (
    <section aria-labelledby="exceptions-heading">
      <h2 id="exceptions-heading">Exceptions</h2>
      <div className="filters">
        <div>
          <label htmlFor="exception-code">Kind</label>
          <select id="exception-code" value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">All kinds</option>
            {[...codes].map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <DownloadLink href={`/v1/claim-submissions/${submissionId}/exceptions.csv`}>
          Download exceptions (CSV)
        </DownloadLink>
      </div>
      <QueryView state={shown} what="exceptions">
        {({ claimExceptions }) =>
          claimExceptions.edges.length === 0 ? (
            <Empty>No exceptions{code ? ' of this kind' : ' for this file'}.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>
                  {count(claimExceptions.totalCount)} exceptions
                  {claimExceptions.pageInfo.hasNextPage ? ' (the first 100 shown; the CSV has all)' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Record
                    </th>
                    <th scope="col">Claim</th>
                    <th scope="col">Exception</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {claimExceptions.edges.map(({ node: x }) => (
                    <tr key={x.id}>
                      <td className="num">{count(x.recordNumber)}</td>
                      <td className="mono">{x.icnOrig ?? '—'}</td>
                      <td>{x.codeLabel}</td>
                      <td>{x.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
