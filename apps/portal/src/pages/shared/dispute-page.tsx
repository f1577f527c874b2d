import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { gqlRequest, graphql } from '../../api/graphql';
import { useAction, useQuery } from '../../api/use-query';
import { ErrorMessage, QueryView } from '../../components/states';
import { bytes, date, dateTime, money, words } from '../../format';
import { useUser } from '../../session-context';

export const DisputeQuery = graphql(`
  query PortalDispute($id: ID!) {
    dispute(id: $id) {
      id
      statementId
      statementNumber
      stateCode
      labelerCode
      quarter
      scope
      ledgerEntryId
      code
      codeLabel
      note
      status
      disputedAmount
      openedOn
      dueOn
      ageDays
      agingLabel
      overdue
      documents {
        id
        fileName
        contentType
        sizeBytes
        sha256
        uploadedAt
        downloadPath
      }
      resolution {
        outcome
        agreedAmount
        note
        resolvedOn
      }
    }
  }
`);

const ResolveMutation = graphql(`
  mutation PortalResolveDispute($input: ResolveDisputeInput!) {
    resolveDispute(input: $input) {
      id
      status
    }
  }
`);

/** One dispute: what was disputed, the documents (with SHA-256), and resolving it (the state, a coordinator). */
export function DisputePage() {
  const { id = '' } = useParams();
  const user = useUser();
  const dispute = useQuery(DisputeQuery, { id });
  const mayResolve = user.role === 'STATE_STAFF' || user.role === 'FEDERAL_COORDINATOR';
  return (
    <>
      <p>
        <Link to="/disputes">← Disputes</Link>
      </p>
      <QueryView state={dispute} what="the dispute">
        {({ dispute: d }) => (
          <>
            <h1>Dispute on {d.statementNumber}</h1>
            <div className="card">
              <dl className="facts">
                <dt>Status</dt>
                <dd data-testid="dispute-status">
                  {words(d.status)}
                  {d.overdue && d.status === 'OPEN' && <span className="badge bad"> Overdue</span>}
                </dd>
                <dt>Statement</dt>
                <dd>
                  <Link to={`/statements/${d.statementNumber}`}>{d.statementNumber}</Link>
                </dd>
                <dt>What</dt>
                <dd>{d.scope === 'STATEMENT' ? 'The whole statement' : 'One line'}</dd>
                <dt>Reason</dt>
                <dd>{d.codeLabel}</dd>
                <dt>Amount disputed</dt>
                <dd>{money(d.disputedAmount)}</dd>
                <dt>Opened</dt>
                <dd>
                  {date(d.openedOn)} ({d.ageDays} days, {d.agingLabel})
                </dd>
                <dt>Due</dt>
                <dd>{date(d.dueOn)}</dd>
                <dt>Note</dt>
                <dd>{d.note}</dd>
              </dl>
            </div>
            <h2>Supporting documents</h2>
            {d.documents.length === 0 ? (
              <p className="muted">No documents attached.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Size</th>
                      <th scope="col">SHA-256</th>
                      <th scope="col">Uploaded</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.documents.map((doc) => (
                      <tr key={doc.id}>
                        <td>
                          <a href={doc.downloadPath} download>
                            {doc.fileName}
                          </a>
                        </td>
                        <td>{bytes(doc.sizeBytes)}</td>
                        <td className="mono">{doc.sha256}</td>
                        <td>{dateTime(doc.uploadedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {d.resolution && (
              <>
                <h2>Resolution</h2>
                <p data-testid="dispute-resolution">
                  {words(d.resolution.outcome)} on {date(d.resolution.resolvedOn)}
                  {d.resolution.agreedAmount !== null
                    ? `, agreed amount ${money(d.resolution.agreedAmount)}`
                    : ''}: {d.resolution.note}
                </p>
              </>
            )}
            {d.status === 'OPEN' && mayResolve && <ResolveForm disputeId={d.id} onDone={dispute.reload} />}
          </>
        )}
      </QueryView>
    </>
  );
}

function ResolveForm({ disputeId, onDone }: { disputeId: string; onDone: () => void }) {
  const [outcome, setOutcome] = useState<'UPHELD' | 'DENIED'>('UPHELD');
  const [agreedAmount, setAgreedAmount] = useState('0.00');
  const [note, setNote] = useState('');
  const action = useAction(() =>
    gqlRequest(ResolveMutation, {
      input: { disputeId, outcome, note, agreedAmount: outcome === 'UPHELD' ? agreedAmount : null },
    }),
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await action.run()) onDone();
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="resolve-heading">
      <h2 id="resolve-heading">Resolve the dispute</h2>
      <fieldset>
        <legend>Outcome</legend>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'UPHELD'} onChange={() => setOutcome('UPHELD')} />{' '}
          Uphold: the manufacturer is right, the amount is corrected on the next statement
        </label>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'DENIED'} onChange={() => setOutcome('DENIED')} />{' '}
          Deny: the amount stays owed
        </label>
      </fieldset>
      {outcome === 'UPHELD' && (
        <>
          <label htmlFor="agreed-amount">What the line should have been (dollars; 0 when nothing is owed)</label>
          <input
            id="agreed-amount"
            inputMode="decimal"
            value={agreedAmount}
            onChange={(e) => setAgreedAmount(e.target.value)}
          />
        </>
      )}
      <label htmlFor="resolve-note">Note to the manufacturer</label>
      <textarea id="resolve-note" value={note} onChange={(e) => setNote(e.target.value)} required />
      {action.error && <ErrorMessage error={action.error} />}
      <div className="actions">
        <button type="submit" disabled={action.running || !note.trim()}>
          {action.running ? 'Saving…' : outcome === 'UPHELD' ? 'Uphold dispute' : 'Deny dispute'}
        </button>
      </div>
    </form>
  );
}
