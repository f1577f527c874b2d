import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { Empty, QueryView } from '../../components/states';
import { date, isZero, money, plural, words } from '../../format';
import { useUser } from '../../session-context';
import { IssueStatementsForm } from '../coordinator/issue-statements-form';

const StatementsQuery = graphql(`
  query PortalStatements($filter: StatementFilterInput, $after: String) {
    statements(first: 50, filter: $filter, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          stateCode
          labelerCode
          quarter
          status
          issuedOn
          dueOn
          totals {
            total
          }
          balances {
            asOf
            paid
            outstanding
            outstandingUndisputed
            interestOwed
          }
        }
      }
    }
  }
`);

type StatementStatus = 'DRAFT' | 'ISSUED' | 'ACKNOWLEDGED' | 'PARTIALLY_PAID' | 'PAID' | 'DISPUTED';
const STATUSES: StatementStatus[] = ['ISSUED', 'ACKNOWLEDGED', 'DISPUTED', 'PARTIALLY_PAID', 'PAID', 'DRAFT'];

/** Overdue: past its due date with an undisputed amount still outstanding. */
export function isOverdue(dueOn: string | null, asOf: string, outstandingUndisputed: string): boolean {
  return dueOn !== null && dueOn < asOf && !isZero(outstandingUndisputed) && !outstandingUndisputed.startsWith('-');
}

/** Statements across states: number, status, dates, total, paid, outstanding, interest, overdue. */
export function StatementsPage() {
  const user = useUser();
  const [status, setStatus] = useState('');
  const [quarter, setQuarter] = useState('');
  const [stateCode, setStateCode] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const statements = useQuery(StatementsQuery, {
    filter: {
      status: (status || null) as StatementStatus | null,
      quarter: /^\d{4}Q[1-4]$/.test(quarter) ? quarter : null,
      stateCode: /^[A-Za-z]{2}$/.test(stateCode) ? stateCode.toUpperCase() : null,
    },
    after,
  });
  return (
    <>
      <h1>Statements</h1>
      {user.role === 'FEDERAL_COORDINATOR' && <IssueStatementsForm onDone={statements.reload} />}
      <div className="filters">
        <div>
          <label htmlFor="statement-status">Status</label>
          <select id="statement-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="statement-quarter">Quarter (e.g. 2026Q1)</label>
          <input id="statement-quarter" value={quarter} onChange={(e) => setQuarter(e.target.value.trim())} size={8} />
        </div>
        <div>
          <label htmlFor="statement-state">State (e.g. NY)</label>
          <input
            id="statement-state"
            value={stateCode}
            onChange={(e) => setStateCode(e.target.value.trim())}
            size={4}
          />
        </div>
      </div>
      <QueryView state={statements} what="statements">
        {({ statements: list }) =>
          list.edges.length === 0 ? (
            <Empty>No statements match.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{plural(list.totalCount, 'statement')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Statement</th>
                      <th scope="col">Status</th>
                      <th scope="col">Issued</th>
                      <th scope="col">Due</th>
                      <th scope="col" className="num">
                        Total
                      </th>
                      <th scope="col" className="num">
                        Paid
                      </th>
                      <th scope="col" className="num">
                        Outstanding
                      </th>
                      <th scope="col" className="num">
                        Interest
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.edges.map(({ node: s }) => (
                      <tr key={s.id}>
                        <td>
                          <Link to={`/statements/${s.number}`}>{s.number}</Link>
                        </td>
                        <td>
                          {words(s.status)}
                          {isOverdue(s.dueOn, s.balances.asOf, s.balances.outstandingUndisputed) && (
                            <>
                              {' '}
                              <span className="badge bad">Overdue</span>
                            </>
                          )}
                        </td>
                        <td>{date(s.issuedOn)}</td>
                        <td>{date(s.dueOn)}</td>
                        <td className="num">{money(s.totals.total)}</td>
                        <td className="num">{money(s.balances.paid)}</td>
                        <td className="num">{money(s.balances.outstanding)}</td>
                        <td className="num">{money(s.balances.interestOwed)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="actions">
                {after && (
                  <button type="button" className="secondary" onClick={() => setAfter(null)}>
                    First page
                  </button>
                )}
                {list.pageInfo.hasNextPage && (
                  <button type="button" className="secondary" onClick={() => setAfter(list.pageInfo.endCursor)}>
                    Next page
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
