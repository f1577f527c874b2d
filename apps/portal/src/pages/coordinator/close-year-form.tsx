import { useEffect, useRef, useState, type FormEvent } from 'react';
import { gqlRequest, graphql, type ResultOf } from '../../api/graphql';
import { useAction } from '../../api/use-query';
import { ErrorMessage } from '../../components/states';
import { date, money, percent, plural } from '../../format';

const CloseMutation = graphql(`
  mutation PortalCloseContractYear($input: CloseContractYearInput!) {
    closeContractYear(input: $input) {
      close {
        id
        contractYear
        eligibleEpisodes
        tierMinTreatments
        tierPct
        closedOn
      }
      states {
        stateCode
        ledgerEntries
        ledgerSum
      }
    }
  }
`);

type Closed = ResultOf<typeof CloseMutation>['closeContractYear'];

/**
 * Coordinators: close a contract year of the agreement (the `closeContractYear` mutation), in two
 * steps: the year, then an explicit confirmation that says what the close does. Shows the result.
 */
export function CloseYearForm({
  agreementId,
  productName,
  closable,
  onDone,
}: {
  agreementId: string;
  productName: string;
  closable: boolean;
  onDone: () => void;
}) {
  const [year, setYear] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [closed, setClosed] = useState<Closed | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const action = useAction((y: number) => gqlRequest(CloseMutation, { input: { agreementId, year: y } }));
  useEffect(() => {
    if (confirming !== null) confirmHeading.current?.focus();
  }, [confirming]);

  function ask(event: FormEvent) {
    event.preventDefault();
    setClosed(null);
    action.clearError();
    setConfirming(Number(year));
  }
  async function confirm() {
    if (confirming === null) return;
    const result = await action.run(confirming);
    setConfirming(null);
    if (result) {
      setClosed(result.closeContractYear);
      onDone();
    }
  }

  return (
    <section className="card" aria-labelledby="close-heading">
      <h2 id="close-heading">Close a contract year</h2>
      {!closable ? (
        <p>Only an executed agreement has contract years to close.</p>
      ) : (
        <>
          <p>
            Counts the eligible {productName} episodes of the year in all states, sets the volume tier they reach, and
            appends every episode&apos;s volume rebate to the ledgers. A year is closed after its 31 December.
          </p>
          <form className="filters" onSubmit={ask}>
            <div>
              <label htmlFor="close-year">Contract year (e.g. 2026)</label>
              <input
                id="close-year"
                value={year}
                onChange={(e) => {
                  setYear(e.target.value.trim());
                  setConfirming(null);
                }}
                size={6}
                maxLength={4}
                inputMode="numeric"
              />
            </div>
            <button type="submit" disabled={!/^\d{4}$/.test(year) || confirming !== null || action.running}>
              Close contract year…
            </button>
          </form>
          {confirming !== null && (
            <div className="confirm" role="group" aria-labelledby="close-confirm-heading">
              <h3 id="close-confirm-heading" ref={confirmHeading} tabIndex={-1}>
                Close contract year {confirming} of {productName}?
              </h3>
              <p>
                The volume rebates are appended at once and land on the next statements. Only a reopening undoes the
                rate.
              </p>
              <div className="actions">
                <button type="button" onClick={() => void confirm()} disabled={action.running}>
                  {action.running ? 'Closing…' : `Yes, close ${confirming}`}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </div>
          )}
          {action.error && <ErrorMessage error={action.error} />}
          {closed && (
            <div className="notice" role="status">
              <p>
                Contract year {closed.close.contractYear} closed on {date(closed.close.closedOn)}:{' '}
                {plural(closed.close.eligibleEpisodes, 'eligible episode')},{' '}
                {closed.close.tierMinTreatments === null
                  ? 'no volume tier reached'
                  : `volume tier from ${closed.close.tierMinTreatments} treatments reached (${percent(closed.close.tierPct)} of WAC)`}
                .
              </p>
              {closed.states.length === 0 ? (
                <p>No state took part in the agreement that year.</p>
              ) : (
                <ul>
                  {closed.states.map((s) => (
                    <li key={s.stateCode}>
                      {s.stateCode}: {plural(s.ledgerEntries, 'ledger entry', 'ledger entries')} appended,{' '}
                      {money(s.ledgerSum)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
