import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { gqlRequest } from '../../api/graphql';
import { useAction, useQuery } from '../../api/use-query';
import { DownloadLink } from '../../components/download-link';
import { Chart } from '../../components/lazy-chart';
import { ErrorMessage, QueryView } from '../../components/states';
import { date, dateTime, isZero, money, plural, words } from '../../format';
import { useUser } from '../../session-context';
import { DisputeForm, type DisputeTarget } from './dispute-form';
import { PaymentForm } from './payment-form';
import { AcknowledgeMutation, StatementDisputesQuery, StatementQuery } from './statement-queries';
import { isOverdue } from './statements-page';

const DISPUTABLE = new Set(['ISSUED', 'ACKNOWLEDGED', 'PARTIALLY_PAID', 'DISPUTED']);

/** One statement: numbered lines, totals by component and cause, balances, payments, disputes, downloads. */
export function StatementPage() {
  const { number = '' } = useParams();
  const user = useUser();
  const statement = useQuery(StatementQuery, { number });
  const [disputing, setDisputing] = useState<DisputeTarget | null>(null);
  const id = statement.data?.statementByNumber.id ?? '';
  const disputes = useQuery(StatementDisputesQuery, { statementId: id }, !id);
  const acknowledge = useAction(() => gqlRequest(AcknowledgeMutation, { id }));
  const isManufacturer = user.role === 'MANUFACTURER_STAFF';
  const mayDispute = isManufacturer || user.role === 'FEDERAL_COORDINATOR';

  return (
    <>
      <p>
        <Link to="/statements">← Statements</Link>
      </p>
      <QueryView state={statement} what="the statement">
        {({ statementByNumber: s }) => {
          const openDisputeLines = new Set(
            (disputes.data?.disputes.edges ?? [])
              .filter((e) => e.node.status === 'OPEN')
              .map((e) => e.node.ledgerEntryId),
          );
          const canDispute = mayDispute && DISPUTABLE.has(s.status);
          const encoded = encodeURIComponent(s.number);
          return (
            <>
              <h1>Statement {s.number}</h1>
              <div className="card">
                <dl className="facts">
                  <dt>Status</dt>
                  <dd data-testid="statement-status">
                    {words(s.status)}
                    {isOverdue(s.dueOn, s.balances.asOf, s.balances.outstandingUndisputed) && (
                      <>
                        {' '}
                        <span className="badge bad">Overdue</span>
                      </>
                    )}
                  </dd>
                  <dt>State and quarter</dt>
                  <dd>
                    {s.stateCode}, {s.quarter} (labeler {s.labelerCode})
                  </dd>
                  <dt>Issued</dt>
                  <dd>{date(s.issuedOn)}</dd>
                  <dt>Due</dt>
                  <dd>{date(s.dueOn)}</dd>
                  <dt>Acknowledged</dt>
                  <dd>{s.acknowledgedAt ? dateTime(s.acknowledgedAt) : 'Not yet'}</dd>
                </dl>
              </div>
              <div className="grid" aria-label={`Balances as of ${date(s.balances.asOf)}`}>
                <Figure label="Total" value={money(s.balances.total)} testId="balance-total" />
                <Figure label="Paid" value={money(s.balances.paid)} />
                <Figure label="Disputed" value={money(s.balances.disputed)} />
                <Figure label="Outstanding" value={money(s.balances.outstanding)} testId="balance-outstanding" />
                <Figure
                  label={`Interest as of ${date(s.balances.asOf)}`}
                  value={s.balances.interestOwed === null ? 'Not computed' : money(s.balances.interestOwed)}
                  note={s.balances.interestProblem ?? undefined}
                />
              </div>
              <div className="actions">
                <DownloadLink href={`/v1/statements/${encoded}.csv`}>Download CSV</DownloadLink>
                <DownloadLink href={`/v1/statements/${encoded}.xlsx`}>Download Excel</DownloadLink>
                <DownloadLink href={`/v1/statements/${encoded}.pdf`}>Download PDF</DownloadLink>
                <a className="button secondary" href={`/v1/statements/${encoded}.html`} target="_blank" rel="noopener">
                  Printable statement
                </a>
                {isManufacturer && s.status === 'ISSUED' && (
                  <button
                    type="button"
                    disabled={acknowledge.running}
                    onClick={() => void acknowledge.run().then((r) => r && statement.reload())}
                  >
                    Acknowledge statement
                  </button>
                )}
                {canDispute && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setDisputing({ statementId: s.id, line: null })}
                  >
                    Dispute the whole statement
                  </button>
                )}
              </div>
              {acknowledge.error && <ErrorMessage error={acknowledge.error} />}
              {disputing && <DisputeForm target={disputing} onCancel={() => setDisputing(null)} />}

              <h2>Totals</h2>
              <div className="charts">
                <Chart
                  title="By component"
                  series={['amount']}
                  rows={s.totals.byComponent
                    .filter((t) => !isZero(t.amount))
                    .map((t) => ({ name: t.label, amount: Number(t.amount) }))}
                />
                <Chart
                  title="By cause"
                  series={['amount']}
                  rows={s.totals.byCause
                    .filter((t) => !isZero(t.amount))
                    .map((t) => ({ name: t.label, amount: Number(t.amount) }))}
                />
              </div>
              <div className="table-wrap">
                <table>
                  <caption>Totals by component and cause</caption>
                  <tbody>
                    {s.totals.byComponent
                      .filter((t) => !isZero(t.amount))
                      .map((t) => (
                        <tr key={`c-${t.component}`}>
                          <th scope="row">{t.label}</th>
                          <td className="num">{money(t.amount)}</td>
                        </tr>
                      ))}
                    {s.totals.byCause
                      .filter((t) => !isZero(t.amount))
                      .map((t) => (
                        <tr key={`k-${t.cause}`}>
                          <th scope="row">Cause: {t.label}</th>
                          <td className="num">{money(t.amount)}</td>
                        </tr>
                      ))}
                    <tr>
                      <th scope="row">Prior-period adjustments</th>
                      <td className="num">{money(s.totals.priorPeriod)}</td>
                    </tr>
                    <tr>
                      <th scope="row">Total</th>
                      <td className="num" data-testid="statement-total">
                        <strong>{money(s.totals.total)}</strong>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </div>

              <h2>Lines</h2>
              <div className="table-wrap">
                <table>
                  <caption>
                    {plural(s.totals.lineCount, 'line')}; the line number is the one a dispute refers to. Prior-period
                    adjustments are marked.
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        Line
                      </th>
                      <th scope="col">Episode</th>
                      <th scope="col">Product and NDC</th>
                      <th scope="col">Administered</th>
                      <th scope="col">Component</th>
                      <th scope="col">Service quarter</th>
                      <th scope="col">Cause</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      {canDispute && <th scope="col">Dispute</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {s.lines.map((l) => (
                      <tr key={l.lineId} className={l.priorPeriodAdjustment ? 'prior' : undefined}>
                        <td className="num">{l.lineNumber}</td>
                        <td className="mono">{l.episodeRef}</td>
                        <td>
                          {l.product} <span className="muted">{l.ndc11}</span>
                        </td>
                        <td>{date(l.administrationDate)}</td>
                        <td>{l.componentLabel}</td>
                        <td>
                          {l.serviceQuarter}
                          {l.priorPeriodAdjustment && <span className="badge warn"> Prior period</span>}
                        </td>
                        <td>{l.causeLabel}</td>
                        <td className="num">{money(l.amount)}</td>
                        {canDispute && (
                          <td>
                            {openDisputeLines.has(l.lineId) ? (
                              <span className="muted">Disputed</span>
                            ) : (
                              <button
                                type="button"
                                className="secondary"
                                aria-label={`Dispute line ${l.lineNumber}`}
                                onClick={() => setDisputing({ statementId: s.id, line: l })}
                              >
                                Dispute
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>

              <h2>Payments</h2>
              {s.payments.length === 0 ? (
                <p className="muted">No payment recorded.</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Received</th>
                        <th scope="col">Reference</th>
                        <th scope="col" className="num">
                          Amount
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.payments.map((p) => (
                        <tr key={p.id}>
                          <td>{date(p.receivedOn)}</td>
                          <td>{p.reference}</td>
                          <td className="num">{money(p.amount)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {(isManufacturer || user.role === 'FEDERAL_COORDINATOR') && s.status !== 'DRAFT' && (
                <PaymentForm statementId={s.id} onDone={statement.reload} />
              )}

              <h2>Disputes on this statement</h2>
              {(disputes.data?.disputes.edges.length ?? 0) === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul>
                  {disputes.data?.disputes.edges.map(({ node: d }) => (
                    <li key={d.id}>
                      <Link to={`/disputes/${d.id}`}>
                        {d.scope === 'STATEMENT'
                          ? 'Whole statement'
                          : `Line ${s.lines.find((l) => l.lineId === d.ledgerEntryId)?.lineNumber ?? '?'}`}
                      </Link>
                      : {d.codeLabel}, {words(d.status).toLowerCase()}, {money(d.disputedAmount)}, opened{' '}
                      {date(d.openedOn)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="card">
      <div className="figure-label">{label}</div>
      <div className="figure" data-testid={testId}>
        {value}
      </div>
      {note && <div className="muted">{note}</div>}
    </div>
  );
}
