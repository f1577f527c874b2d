import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import { Empty, QueryView } from '../../components/states';
import { date, money, plural, words } from '../../format';

const DisputesQuery = graphql(`
  query PortalDisputes($filter: DisputeFilterInput, $after: String) {
    disputes(first: 100, filter: $filter, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          statementNumber
          stateCode
          labelerCode
          quarter
          scope
          code
          codeLabel
          status
          disputedAmount
          openedOn
          dueOn
          ageDays
          agingLabel
          overdue
        }
      }
    }
    disputeAging {
      bucket
      label
      count
      amount
    }
  }
`);

/** Disputes in the caller's scope with aging buckets (open ones), filterable by status. */
export function DisputesPage() {
  const [status, setStatus] = useState('OPEN');
  const disputes = useQuery(DisputesQuery, {
    filter: { status: (status || null) as 'OPEN' | 'UPHELD' | 'DENIED' | null },
    after: null,
  });
  return (
    <>
      <h1>Disputes</h1>
      <div className="filters">
        <div>
          <label htmlFor="dispute-status">Status</label>
          <select id="dispute-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="OPEN">Open</option>
            <option value="UPHELD">Upheld</option>
            <option value="DENIED">Denied</option>
            <option value="">All</option>
          </select>
        </div>
      </div>
      <QueryView state={disputes} what="disputes">
        {({ disputes: list, disputeAging }) => {
          const rows = list.edges.map((e) => e.node);
          if (rows.length === 0) return <Empty>No disputes{status ? ` ${words(status).toLowerCase()}` : ''}.</Empty>;
          // Aging of every open dispute in scope, counted by the server (not only this page).
          return (
            <>
              {disputeAging.some((a) => a.count > 0) && (
                <div className="grid" aria-label="Open disputes by age">
                  {disputeAging.map((a) => (
                    <div className="card" key={a.bucket} data-testid={`aging-${a.label}`}>
                      <div className="figure-label">Open {a.label}</div>
                      <div className="figure">{a.count}</div>
                      <div className="muted">{money(a.amount)}</div>
                    </div>
                  ))}
                </div>
              )}
              <div className="table-wrap">
                <table>
                  <caption>{plural(list.totalCount, 'dispute')}, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Statement</th>
                      <th scope="col">What</th>
                      <th scope="col">Reason</th>
                      <th scope="col">Status</th>
                      <th scope="col">Opened</th>
                      <th scope="col">Age</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((d) => (
                      <tr key={d.id}>
                        <td>
                          <Link to={`/disputes/${d.id}`}>{d.statementNumber}</Link>
                        </td>
                        <td>{d.scope === 'STATEMENT' ? 'Whole statement' : 'One line'}</td>
                        <td>{d.codeLabel}</td>
                        <td>
                          {words(d.status)}
                          {d.overdue && d.status === 'OPEN' && <span className="badge bad"> Overdue</span>}
                        </td>
                        <td>{date(d.openedOn)}</td>
                        <td>
                          {d.ageDays} days ({d.agingLabel})
                        </td>
                        <td className="num">{money(d.disputedAmount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
