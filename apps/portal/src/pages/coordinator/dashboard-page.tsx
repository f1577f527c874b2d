import { Link } from 'react-router';
import { graphql } from '../../api/graphql';
import { useQuery } from '../../api/use-query';
import type { SeriesRow } from '../../components/charts';
import { Chart } from '../../components/lazy-chart';
import { QueryView } from '../../components/states';
import { count, money, words } from '../../format';
import { useUser } from '../../session-context';
import { IssueStatementsForm } from './issue-statements-form';

const DashboardQuery = graphql(`
  query PortalProgramDashboard {
    statementSummary {
      asOf
      total
      outstanding
      interestOwed
      amounts {
        quarter
        stateCode
        product
        component
        componentLabel
        amount
      }
      balances {
        quarter
        stateCode
        billed
        paid
        disputed
        outstanding
      }
    }
    programDashboard {
      stateCode
      productCode
      treatedEpisodes
      eligibleEpisodes
      disputesOpen
      accruedTotal
      outcomeFailures {
        benchmarkCode
        benchmarkLabel
        episodes
      }
    }
    claimSubmissions(first: 100) {
      totalCount
      edges {
        node {
          id
          stateCode
          status
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

/** Rows of a stacked chart: one per category, one numeric column per series. */
function pivot<T>(items: T[], category: (t: T) => string, series: (t: T) => string, value: (t: T) => number) {
  const rows = new Map<string, SeriesRow>();
  const names = new Set<string>();
  for (const item of items) {
    const key = category(item);
    const s = series(item);
    names.add(s);
    const row = rows.get(key) ?? { name: key };
    row[s] = (typeof row[s] === 'number' ? row[s] : 0) + value(item);
    rows.set(key, row);
  }
  return { rows: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name)), series: [...names].sort() };
}

/** Coordinators and auditors: the program at a glance, read-only, with links to the console. */
export function DashboardPage() {
  const user = useUser();
  const dashboard = useQuery(DashboardQuery, {});
  return (
    <>
      <h1>Program overview</h1>
      <p>
        Everything here is read-only; to change agreements, users or reference data use the{' '}
        <a href="/console">GraphQL console</a>.
      </p>
      {user.role === 'FEDERAL_COORDINATOR' && <IssueStatementsForm onDone={dashboard.reload} />}
      <QueryView state={dashboard} what="the program overview">
        {(d) => {
          const accruals = pivot(
            d.statementSummary.amounts,
            (a) => a.quarter,
            (a) => a.componentLabel,
            (a) => Number(a.amount),
          );
          const outstanding = pivot(
            d.statementSummary.balances,
            (b) => b.stateCode,
            () => 'Outstanding',
            (b) => Number(b.outstanding),
          );
          const submissions = pivot(
            d.claimSubmissions.edges.map((e) => e.node),
            (s) => s.stateCode,
            (s) => words(s.status),
            () => 1,
          );
          const failures = pivot(
            d.programDashboard.flatMap((r) => r.outcomeFailures.map((f) => ({ ...f, stateCode: r.stateCode }))),
            (f) => f.stateCode,
            (f) => f.benchmarkLabel,
            (f) => f.episodes,
          );
          // Every open dispute in scope, counted by the server (not only a first page).
          const aging = d.disputeAging.map((a) => ({ name: a.label, disputes: a.count, amount: a.amount }));
          return (
            <>
              <div className="grid">
                <div className="card">
                  <div className="figure-label">Billed on statements</div>
                  <div className="figure">{money(d.statementSummary.total)}</div>
                </div>
                <div className="card">
                  <div className="figure-label">Outstanding</div>
                  <div className="figure">{money(d.statementSummary.outstanding)}</div>
                </div>
                <div className="card">
                  <div className="figure-label">Interest owed</div>
                  <div className="figure">{money(d.statementSummary.interestOwed)}</div>
                </div>
                <div className="card">
                  <div className="figure-label">Open disputes</div>
                  <div className="figure">{count(aging.reduce((n, a) => n + a.disputes, 0))}</div>
                  <Link to="/disputes">See disputes</Link>
                </div>
              </div>
              <div className="charts">
                <Chart
                  title="Rebates by statement quarter and component"
                  rows={accruals.rows}
                  series={accruals.series}
                />
                <Chart title="Outstanding by state" rows={outstanding.rows} series={outstanding.series} />
                <Chart
                  title="Claim files per state by status (latest 100)"
                  rows={submissions.rows}
                  series={submissions.series}
                  kind="count"
                />
                <Chart
                  title="Open disputes by age"
                  rows={aging.map((a) => ({ name: a.name, disputes: a.disputes }))}
                  series={['disputes']}
                  kind="count"
                />
                <Chart
                  title="Outcome failures by state and benchmark"
                  rows={failures.rows}
                  series={failures.series}
                  kind="count"
                />
              </div>
              <h2>Per state and product</h2>
              <div className="table-wrap">
                <table>
                  <caption>Episodes, outcome failures, accrued rebates and open disputes</caption>
                  <thead>
                    <tr>
                      <th scope="col">State</th>
                      <th scope="col">Product</th>
                      <th scope="col" className="num">
                        Treated
                      </th>
                      <th scope="col" className="num">
                        Eligible
                      </th>
                      <th scope="col">Outcome failures</th>
                      <th scope="col" className="num">
                        Accrued
                      </th>
                      <th scope="col" className="num">
                        Open disputes
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.programDashboard.map((r) => (
                      <tr key={`${r.stateCode}-${r.productCode}`}>
                        <td>{r.stateCode}</td>
                        <td>{r.productCode}</td>
                        <td className="num">{count(r.treatedEpisodes)}</td>
                        <td className="num">{count(r.eligibleEpisodes)}</td>
                        <td>
                          {r.outcomeFailures.length === 0
                            ? 'None'
                            : r.outcomeFailures.map((f) => `${f.benchmarkLabel}: ${f.episodes}`).join('; ')}
                        </td>
                        <td className="num">{money(r.accruedTotal)}</td>
                        <td className="num">{count(r.disputesOpen)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h2>Open disputes by age</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Age</th>
                      <th scope="col" className="num">
                        Disputes
                      </th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {aging.map((a) => (
                      <tr key={a.name}>
                        <td>{a.name}</td>
                        <td className="num">{a.disputes}</td>
                        <td className="num">{money(a.amount)}</td>
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
