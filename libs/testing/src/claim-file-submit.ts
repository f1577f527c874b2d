import { queryRows } from './sql';
import { WAIT_LIMIT_MS } from './test-config';

export interface SubmittedFile {
  id: string;
  status: string;
  counts: Record<string, unknown>;
}

/**
 * Sends a claim file to POST /v1/states/{usps}/claim-files as the state would, then waits for
 * the worker to finish it (COMPLETED, REJECTED or FAILED).
 */
export async function submitClaimFileAndWait(
  api: { url: string; databaseUrl: string; token: string },
  usps: string,
  fileName: string,
  body: Buffer,
  timeoutMs = WAIT_LIMIT_MS,
): Promise<SubmittedFile> {
  const response = await fetch(`${api.url}/v1/states/${usps}/claim-files?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  if (response.status !== 202) throw new Error(`${fileName}: HTTP ${response.status} ${await response.text()}`);
  const { submission } = (await response.json()) as { submission: { id: string } };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await queryRows<{ status: string; counts: Record<string, unknown> }>(
      api.databaseUrl,
      'SELECT status, counts FROM claim_submission WHERE id = $1',
      [submission.id],
    );
    if (['COMPLETED', 'REJECTED', 'FAILED'].includes(row.status)) return { id: submission.id, ...row };
    if (Date.now() > deadline) throw new Error(`${fileName} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
