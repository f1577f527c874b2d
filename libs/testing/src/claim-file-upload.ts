import { queryRows } from './sql';

const FINAL = ['COMPLETED', 'REJECTED', 'FAILED'];

/**
 * Uploads a claim file through the HTTP endpoint as the state's staff and waits until the worker
 * has finished with it; answers the submission's id and final status.
 */
export async function submitClaimFileAndWait(
  context: { apiUrl: string; databaseUrl: string; token: string },
  stateCode: string,
  fileName: string,
  body: Buffer,
  timeoutMs = 60_000,
): Promise<{ id: string; status: string }> {
  const response = await fetch(
    `${context.apiUrl}/v1/states/${stateCode}/claim-files?fileName=${encodeURIComponent(fileName)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${context.token}`, 'content-type': 'application/octet-stream' },
      body,
    },
  );
  if (response.status !== 202) throw new Error(`Upload of ${fileName} answered HTTP ${response.status}`);
  const { submission } = (await response.json()) as { submission: { id: string } };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await queryRows<{ status: string }>(
      context.databaseUrl,
      'SELECT status FROM claim_submission WHERE id = $1',
      [submission.id],
    );
    if (row && FINAL.includes(row.status)) return { id: submission.id, status: row.status };
    if (Date.now() > deadline) throw new Error(`${fileName} still ${row?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
