import { writeFile } from 'node:fs/promises';

export type StatementFormat = 'csv' | 'html';

export interface StatementExportRequest {
  api: string;
  token: string;
  labeler: string;
  state: string;
  quarter: string;
  format: StatementFormat;
  /** Where to write the file; the body is returned either way. */
  out?: string;
}

/**
 * Downloads a statement's CSV (rebate-rules section 8 columns) or printable HTML from
 * GET /v1/labelers/{labeler}/states/{state}/statements/{quarter}.{csv|html}, with the same
 * bearer token as `cgt submit`.
 */
export async function exportStatement(request: StatementExportRequest): Promise<string> {
  if (!/^\d{5}$/.test(request.labeler))
    throw new Error(`--labeler must be a 5-digit labeler code, got ${request.labeler}`);
  if (!/^[A-Za-z]{2}$/.test(request.state)) throw new Error(`--state must be a USPS code, got ${request.state}`);
  if (!/^\d{4}Q[1-4]$/.test(request.quarter))
    throw new Error(`--quarter must look like 2026Q1, got ${request.quarter}`);
  const path = `/v1/labelers/${request.labeler}/states/${request.state.toUpperCase()}/statements/${request.quarter}.${request.format}`;
  const response = await fetch(new URL(path, request.api), { headers: { authorization: `Bearer ${request.token}` } });
  const body = await response.text();
  if (!response.ok) {
    let detail = body.slice(0, 300);
    try {
      const error = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
      if (error) detail = `${error.code ?? ''}: ${error.message ?? ''}`;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`HTTP ${response.status} ${detail}`);
  }
  if (request.out) await writeFile(request.out, body, 'utf8');
  return body;
}
