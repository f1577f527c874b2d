import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { sha256Hex } from '../../api/files';
import { fetchJson } from '../../api/http';
import { useAction, useQuery } from '../../api/use-query';
import { ErrorMessage } from '../../components/states';
import { bytes, money } from '../../format';
import { DisputeCodesQuery } from './statement-queries';

/** Documents the server accepts for a dispute: PDF and images, 5 MB each. */
const ACCEPT = 'application/pdf,image/png,image/jpeg';
const MAX_BYTES = 5 * 1024 * 1024;

interface Picked {
  file: File;
  sha256: string | null;
}

export interface DisputeTarget {
  statementId: string;
  /** null: the whole statement. */
  line: { lineId: string; lineNumber: number; componentLabel: string; amount: string } | null;
}

/** Dispute a line or the whole statement with a reason, a note and supporting documents (SHA-256 shown). */
export function DisputeForm({ target, onCancel }: { target: DisputeTarget; onCancel: () => void }) {
  const codes = useQuery(DisputeCodesQuery, {});
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Picked[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  useEffect(() => {
    if (!code && codes.data?.disputeCodes[0]) setCode(codes.data.disputeCodes[0].code);
  }, [code, codes.data]);

  async function pick(list: FileList | null) {
    setFileError(null);
    const picked: Picked[] = [];
    for (const file of list ? [...list] : []) {
      if (file.size > MAX_BYTES) {
        setFileError(`${file.name} is ${bytes(file.size)}: each document may be at most 5 MB.`);
        return;
      }
      if (!ACCEPT.split(',').includes(file.type)) {
        setFileError(`${file.name} is not a PDF or an image (PNG, JPEG).`);
        return;
      }
      picked.push({ file, sha256: await sha256Hex(file) });
    }
    setFiles(picked);
  }

  // One multipart request: the fields first, then each document as a file part (streamed by the
  // browser, checked and hashed by the server; no base64).
  const action = useAction(async () => {
    const form = new FormData();
    form.set('code', code);
    form.set('note', note);
    if (target.line) form.set('ledgerEntryId', target.line.lineId);
    for (const { file } of files) form.append('documents', file, file.name);
    return fetchJson<{ dispute: { id: string } }>(`/v1/statements/${encodeURIComponent(target.statementId)}/disputes`, {
      method: 'POST',
      body: form,
    });
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await action.run();
    if (result) void navigate(`/disputes/${result.dispute.id}`);
  }

  const title = target.line
    ? `Dispute line ${target.line.lineNumber} (${target.line.componentLabel}, ${money(target.line.amount)})`
    : 'Dispute the whole statement';
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="dispute-heading">
      <h2 id="dispute-heading">{title}</h2>
      <label htmlFor="dispute-code">Reason</label>
      <select id="dispute-code" value={code} onChange={(e) => setCode(e.target.value)} required>
        {(codes.data?.disputeCodes ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {c.label}
          </option>
        ))}
      </select>
      <p className="muted">{codes.data?.disputeCodes.find((c) => c.code === code)?.description}</p>
      <label htmlFor="dispute-note">Explanation</label>
      <textarea id="dispute-note" value={note} onChange={(e) => setNote(e.target.value)} required />
      <label htmlFor="dispute-files">Supporting documents (PDF or images, 5 MB each)</label>
      <input id="dispute-files" type="file" accept={ACCEPT} multiple onChange={(e) => void pick(e.target.files)} />
      {fileError && (
        <p className="state-error" role="alert">
          {fileError}
        </p>
      )}
      {files.length > 0 && (
        <ul aria-label="Documents to attach">
          {files.map(({ file, sha256 }) => (
            <li key={file.name}>
              {file.name} ({bytes(file.size)}), SHA-256 <span className="mono">{sha256 ?? 'computed on upload'}</span>
            </li>
          ))}
        </ul>
      )}
      {action.error && <ErrorMessage error={action.error} />}
      <div className="actions">
        <button type="submit" disabled={action.running || !code || !note.trim() || fileError !== null}>
          {action.running ? 'Sending…' : 'Open dispute'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
