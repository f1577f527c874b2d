import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { gqlRequest, graphql } from '../../api/graphql';
import { useAction, useQuery } from '../../api/use-query';
import { ErrorMessage, QueryView } from '../../components/states';
import { date, dateTime, money, words } from '../../format';
import { useUser } from '../../session-context';

const EpisodeQuery = graphql(`
  query PortalEpisode($ref: String!) {
    episode(episodeRef: $ref) {
      id
      episodeRef
      stateCode
      administrationDate
      ndc11
      status
      ineligibleLabel
      warningLabels
      capAmount
      benchmarks {
        code
        label
        measureLabel
        status
        statusLabel
        windowEnd
        event {
          source
          eventDate
          eventMonth
          evidenceCategory
          code
          amount
          observation {
            id
            evidenceRef
          }
        }
      }
      observations {
        id
        eventCode
        eventDate
        eventMonth
        evidenceCategory
        evidenceRef
        note
        reportedAt
        withdrawnAt
        withdrawReason
      }
      ledgerEntries {
        id
        componentLabel
        causeLabel
        amount
        serviceQuarter
      }
    }
  }
`);

const ReportMutation = graphql(`
  mutation PortalReportObservation($input: ReportOutcomeObservationInput!) {
    reportOutcomeObservation(input: $input) {
      id
    }
  }
`);

const WithdrawMutation = graphql(`
  mutation PortalWithdrawObservation($input: WithdrawOutcomeObservationInput!) {
    withdrawOutcomeObservation(input: $input) {
      id
    }
  }
`);

/** The named events a state may report; an ICD-10-CM code is typed instead. */
const EVENT_CODES = ['CRISIS', 'HOSPITALIZATION', 'DEATH', 'REGISTRY_CONFIRMED_EVENT', 'RETREATMENT', 'GRAFT_FAILURE'];

/** One episode: benchmarks with evidence, ledger entries, and reporting or withdrawing an outcome. */
export function EpisodePage() {
  const { ref = '' } = useParams();
  const user = useUser();
  const episode = useQuery(EpisodeQuery, { ref });
  const mayReport = user.role === 'STATE_STAFF' || user.role === 'FEDERAL_COORDINATOR';
  return (
    <>
      <p>
        <Link to="/episodes">← Episodes</Link>
      </p>
      <QueryView state={episode} what="the episode">
        {({ episode: e }) => (
          <>
            <h1>
              Episode <span className="mono">{e.episodeRef}</span>
            </h1>
            <div className="card">
              <dl className="facts">
                <dt>State</dt>
                <dd>{e.stateCode}</dd>
                <dt>Administered</dt>
                <dd>{date(e.administrationDate)}</dd>
                <dt>NDC</dt>
                <dd>{e.ndc11 ?? '—'}</dd>
                <dt>Status</dt>
                <dd>
                  {words(e.status)}
                  {e.ineligibleLabel ? `: ${e.ineligibleLabel}` : ''}
                </dd>
                <dt>Warnings</dt>
                <dd>{e.warningLabels.length ? e.warningLabels.join('; ') : 'None'}</dd>
                <dt>Cap</dt>
                <dd>{money(e.capAmount)}</dd>
              </dl>
            </div>
            <h2>Benchmarks</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Benchmark</th>
                    <th scope="col">Status</th>
                    <th scope="col">Evidence</th>
                    <th scope="col" className="num">
                      Rebate
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {e.benchmarks.map((b) => (
                    <tr key={b.code}>
                      <td>
                        {b.label}
                        <div className="muted">{b.measureLabel}</div>
                      </td>
                      <td>{b.statusLabel}</td>
                      <td>
                        {b.event
                          ? `${words(b.event.evidenceCategory)} on ${b.event.eventDate ? date(b.event.eventDate) : b.event.eventMonth}` +
                            (b.event.observation?.evidenceRef ? `, evidence ${b.event.observation.evidenceRef}` : '')
                          : `No event; window ends ${date(b.windowEnd)}`}
                      </td>
                      <td className="num">{b.event ? money(b.event.amount) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>Outcome observations</h2>
            {e.observations.length === 0 ? (
              <p className="muted">No outcome reported for this episode.</p>
            ) : (
              <ul>
                {e.observations.map((o) => (
                  <li key={o.id}>
                    {words(o.evidenceCategory)} ({o.eventCode ?? '—'}) on{' '}
                    {o.eventDate ? date(o.eventDate) : o.eventMonth}, evidence {o.evidenceRef ?? '—'}, reported{' '}
                    {dateTime(o.reportedAt)}
                    {o.withdrawnAt ? (
                      <>
                        {' '}
                        — <strong>withdrawn</strong> {dateTime(o.withdrawnAt)}: {o.withdrawReason}
                      </>
                    ) : (
                      mayReport && <WithdrawForm observationId={o.id} onDone={episode.reload} />
                    )}
                  </li>
                ))}
              </ul>
            )}
            {mayReport && <ReportForm episodeId={e.id} onDone={episode.reload} />}
            <h2>Ledger entries</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Component</th>
                    <th scope="col">Cause</th>
                    <th scope="col">Service quarter</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {e.ledgerEntries.map((l) => (
                    <tr key={l.id}>
                      <td>{l.componentLabel}</td>
                      <td>{l.causeLabel}</td>
                      <td>{l.serviceQuarter}</td>
                      <td className="num">{money(l.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}

function ReportForm({ episodeId, onDone }: { episodeId: string; onDone: () => void }) {
  const [eventCode, setEventCode] = useState('CRISIS');
  const [icd, setIcd] = useState('');
  const [eventDate, setEventDate] = useState('');
  const [evidenceRef, setEvidenceRef] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const action = useAction((code: string) =>
    gqlRequest(ReportMutation, {
      input: { episodeId, eventCode: code, eventDate, evidenceRef, note: note || null },
    }),
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await action.run(eventCode === 'ICD' ? icd.trim().toUpperCase() : eventCode);
    if (result) {
      setSaved(true);
      setEvidenceRef('');
      setNote('');
      onDone();
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="report-heading">
      <h3 id="report-heading">Report an outcome</h3>
      <label htmlFor="event-code">Event</label>
      <select id="event-code" value={eventCode} onChange={(e) => setEventCode(e.target.value)}>
        {EVENT_CODES.map((c) => (
          <option key={c} value={c}>
            {words(c)}
          </option>
        ))}
        <option value="ICD">A diagnosis (ICD-10-CM code)</option>
      </select>
      {eventCode === 'ICD' && (
        <>
          <label htmlFor="event-icd">ICD-10-CM code</label>
          <input id="event-icd" value={icd} onChange={(e) => setIcd(e.target.value)} required />
        </>
      )}
      <label htmlFor="event-date">Date of the event</label>
      <input id="event-date" type="date" value={eventDate} onChange={(e) => setEventDate(e.target.value)} required />
      <label htmlFor="evidence-ref">Evidence reference</label>
      <input id="evidence-ref" value={evidenceRef} onChange={(e) => setEvidenceRef(e.target.value)} required />
      <label htmlFor="event-note">Note (optional)</label>
      <textarea id="event-note" value={note} onChange={(e) => setNote(e.target.value)} />
      {action.error && <ErrorMessage error={action.error} />}
      {saved && (
        <p className="notice" role="status">
          Reported; the state was reconciled.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={action.running || !eventDate || !evidenceRef}>
          {action.running ? 'Reporting…' : 'Report outcome'}
        </button>
      </div>
    </form>
  );
}

function WithdrawForm({ observationId, onDone }: { observationId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction(() => gqlRequest(WithdrawMutation, { input: { observationId, reason } }));
  if (!open) {
    return (
      <>
        {' '}
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Withdraw
        </button>
      </>
    );
  }
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run().then((r) => r && onDone());
      }}
    >
      <label htmlFor={`withdraw-${observationId}`}>Why is it withdrawn?</label>
      <input id={`withdraw-${observationId}`} value={reason} onChange={(e) => setReason(e.target.value)} required />
      {action.error && <ErrorMessage error={action.error} />}
      <div className="actions">
        <button type="submit" disabled={action.running || !reason.trim()}>
          Withdraw observation
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Keep it
        </button>
      </div>
    </form>
  );
}
