import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { gqlRequest } from '../../api/graphql';
import { uploadClaimFile } from '../../api/upload';
import { isFinished, submissionStatusSentence, SubmissionStatusBadge } from '../../components/submission-status';
import { bytes, count } from '../../format';
import { countsInWords, type Submission } from './submission-counts';
import { SubmissionQuery } from './submission-queries';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; sent: number; total: number; abort: () => void }
  | { kind: 'processing'; submission: Submission; repeated: boolean }
  | { kind: 'error'; message: string };

const POLL_MS = 1000;

/**
 * Drag-and-drop (or choose) a claim file: it streams to the upload endpoint with a progress bar,
 * then the submission is followed until it is completed or rejected, in words.
 */
export function UploadPanel({ stateCode, onFinished }: { stateCode: string; onFinished: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const following = phase.kind === 'processing' && !isFinished(phase.submission.status) ? phase.submission.id : null;

  useEffect(() => {
    if (!following) return;
    let stopped = false;
    const timer = setTimeout(() => {
      gqlRequest(SubmissionQuery, { id: following }).then(
        ({ claimSubmission }) => {
          if (stopped) return;
          setPhase((current) =>
            current.kind === 'processing' ? { ...current, submission: claimSubmission } : current,
          );
          if (isFinished(claimSubmission.status)) onFinished();
        },
        (error: unknown) => {
          if (!stopped) setPhase({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [following, phase, onFinished]);

  function start(file: File) {
    const upload = uploadClaimFile(stateCode, file, (sent, total) =>
      setPhase((current) => (current.kind === 'uploading' ? { ...current, sent, total } : current)),
    );
    setPhase({ kind: 'uploading', fileName: file.name, sent: 0, total: file.size, abort: upload.abort });
    upload.done
      .then(async (answer) => {
        const { claimSubmission } = await gqlRequest(SubmissionQuery, { id: answer.submission.id });
        setPhase({ kind: 'processing', submission: claimSubmission, repeated: !answer.created });
        onFinished();
      })
      .catch((error: unknown) =>
        setPhase({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    if (input.current) input.current.value = '';
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) start(file);
  }

  const busy = phase.kind === 'uploading' || following !== null;
  return (
    <section className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Submit a claim file</h2>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="dropzone"
      >
        <p>Drop a T-MSIS claim file here (text or gzip, any size), or</p>
        <label className="button" htmlFor="claim-file">
          Choose a file
        </label>
        <input
          id="claim-file"
          ref={input}
          type="file"
          className="visually-hidden"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) start(file);
          }}
        />
      </div>
      <div aria-live="polite">
        {phase.kind === 'uploading' && (
          <div className="upload-progress">
            <label htmlFor="upload-bar">
              Uploading {phase.fileName}: {bytes(phase.sent)} of {bytes(phase.total)}
            </label>
            <progress id="upload-bar" max={phase.total || 1} value={phase.sent} />
            <button type="button" className="secondary" onClick={phase.abort}>
              Cancel upload
            </button>
          </div>
        )}
        {phase.kind === 'processing' && <Processing submission={phase.submission} repeated={phase.repeated} />}
        {phase.kind === 'error' && (
          <p className="state-error" role="alert">
            {phase.message}
          </p>
        )}
      </div>
    </section>
  );
}

function Processing({ submission, repeated }: { submission: Submission; repeated: boolean }) {
  const { progress } = submission;
  const finished = isFinished(submission.status);
  return (
    <div className="processing" data-testid="upload-result">
      <p>
        <strong>{submission.originalFileName ?? 'The file'}</strong>:{' '}
        <SubmissionStatusBadge status={submission.status} />{' '}
        <span data-testid="upload-status">{submissionStatusSentence(submission.status)}</span>
        {repeated && ' (this file was sent before; this is the earlier submission)'}
      </p>
      {!finished && (
        <>
          <label htmlFor="processing-bar">
            Processing: {count(progress.recordsRead)} records read, {bytes(progress.bytesRead)} of{' '}
            {bytes(progress.totalBytes)}
          </label>
          <progress id="processing-bar" max={progress.totalBytes || 1} value={progress.bytesRead} />
        </>
      )}
      {submission.status === 'REJECTED' && submission.rejectionReason && <p>{submission.rejectionReason}</p>}
      {submission.status === 'FAILED' && submission.lastFailureReason && <p>{submission.lastFailureReason}</p>}
      {finished && (
        <p>
          {countsInWords(submission)}. <Link to={`/submissions/${submission.id}`}>See problems and exceptions</Link>
        </p>
      )}
    </div>
  );
}
