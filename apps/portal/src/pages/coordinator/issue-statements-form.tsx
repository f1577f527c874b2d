import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { gqlRequest, graphql, type ResultOf } from '../../api/graphql';
import { useAction } from '../../api/use-query';
import { ErrorMessage } from '../../components/states';
import { money, plural } from '../../format';

const IssueMutation = graphql(`
  mutation PortalIssueStatements($input: IssueStatementsInput!) {
    issueStatements(input: $input) {
      id
      number
      stateCode
      labelerCode
      quarter
      dueOn
      totals {
        total
      }
    }
  }
`);

type Issued = ResultOf<typeof IssueMutation>['issueStatements'];

/**
 * Coordinators: issue the draft statements of a quarter, all of them or those of one state and/or
 * one labeler (the `issueStatements` mutation), and show what was issued.
 */
export function IssueStatementsForm({ onDone }: { onDone: () => void }) {
  const [quarter, setQuarter] = useState('');
  const [stateCode, setStateCode] = useState('');
  const [labelerCode, setLabelerCode] = useState('');
  const [issued, setIssued] = useState<{ quarter: string; statements: Issued } | null>(null);
  const validState = stateCode === '' || /^[A-Z]{2}$/.test(stateCode);
  const validLabeler = labelerCode === '' || /^\d{5}$/.test(labelerCode);
  const action = useAction(() =>
    gqlRequest(IssueMutation, {
      input: { quarter, stateCode: stateCode || null, labelerCode: labelerCode || null },
    }),
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await action.run();
    if (result) {
      setIssued({ quarter, statements: result.issueStatements });
      onDone();
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="issue-heading">
      <h2 id="issue-heading">Issue statements for a quarter</h2>
      <p>Issues the draft statements of the quarter; leave state and labeler empty for all of them.</p>
      <div className="filters">
        <div>
          <label htmlFor="issue-quarter">Quarter (e.g. 2026Q1)</label>
          <input id="issue-quarter" value={quarter} onChange={(e) => setQuarter(e.target.value.trim())} size={8} />
        </div>
        <div>
          <label htmlFor="issue-state">State (optional, e.g. NY)</label>
          <input
            id="issue-state"
            value={stateCode}
            onChange={(e) => setStateCode(e.target.value.trim().toUpperCase())}
            size={4}
            maxLength={2}
            aria-invalid={!validState}
          />
        </div>
        <div>
          <label htmlFor="issue-labeler">Labeler code (optional, 5 digits)</label>
          <input
            id="issue-labeler"
            value={labelerCode}
            onChange={(e) => setLabelerCode(e.target.value.trim())}
            size={7}
            maxLength={5}
            inputMode="numeric"
            aria-invalid={!validLabeler}
          />
        </div>
        <button
          type="submit"
          disabled={action.running || !/^\d{4}Q[1-4]$/.test(quarter) || !validState || !validLabeler}
        >
          {action.running ? 'Issuing…' : 'Issue statements'}
        </button>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      {issued && (
        <div className="notice" role="status">
          {issued.statements.length === 0 ? (
            <p>No draft statement to issue for {issued.quarter}.</p>
          ) : (
            <>
              <p>
                Issued {plural(issued.statements.length, 'statement')} for {issued.quarter}:{' '}
                {issued.statements.map((s) => s.number).join(', ')}.
              </p>
              <ul>
                {issued.statements.map((s) => (
                  <li key={s.id}>
                    <Link to={`/statements/${encodeURIComponent(s.number)}`}>{s.number}</Link>: {s.stateCode}, labeler{' '}
                    {s.labelerCode}, total {money(s.totals.total)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
