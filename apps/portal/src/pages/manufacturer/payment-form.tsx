import { useState, type FormEvent } from 'react';
import { gqlRequest } from '../../api/graphql';
import { useAction } from '../../api/use-query';
import { ErrorMessage } from '../../components/states';
import { RecordPaymentMutation } from './statement-queries';

/** Record a remittance received (amount in dollars and cents, a unique reference). */
export function PaymentForm({ statementId, onDone }: { statementId: string; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [reference, setReference] = useState('');
  const [saved, setSaved] = useState(false);
  const action = useAction(() =>
    gqlRequest(RecordPaymentMutation, {
      input: { statementId, amount: amount.replace(/[$,\s]/g, ''), receivedOn, reference: reference.trim() },
    }),
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (await action.run()) {
      setSaved(true);
      setAmount('');
      setReference('');
      onDone();
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="payment-heading">
      <h3 id="payment-heading">Record a payment</h3>
      <div className="filters">
        <div>
          <label htmlFor="payment-amount">Amount (dollars)</label>
          <input
            id="payment-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor="payment-date">Received on</label>
          <input
            id="payment-date"
            type="date"
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor="payment-reference">Reference (e.g. the wire number)</label>
          <input id="payment-reference" value={reference} onChange={(e) => setReference(e.target.value)} required />
        </div>
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      {saved && (
        <p className="notice" role="status">
          Payment recorded.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={action.running || !amount || !receivedOn || !reference.trim()}>
          {action.running ? 'Recording…' : 'Record payment'}
        </button>
      </div>
    </form>
  );
}
