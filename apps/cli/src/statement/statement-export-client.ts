import { writeFile } from 'node:fs/promises';

export const EXPORT_FORMATS = ['csv', 'html', 'pdf', 'xlsx'] as const;
export type StatementFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is StatementFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The body of each format: text for csv and html, bytes for pdf and xlsx. */
type Body<F extends StatementFormat> = F extends 'csv' | 'html' ? string : Buffer;

export interface StatementExportRequest {
  api: string;
  token: string;
  labeler: string;
  state: string;
  quarter: string;
  format: StatementFormat;
  /** Balances and interest as of this day (html, pdf, xlsx); default the API's today. */
  asOf?: string;
  /** Where to write the file; the body is returned either way. */
  out?: string;
}

/**
 * Downloads a statement's CSV (rebate-rules section 8 columns), printable HTML, PDF or Excel
 * workbook from GET /v1/labelers/{labeler}/states/{state}/statements/{quarter}.{format}, with the
 * same bearer token as `cgt submit`.
 */
export async function exportStatement<F extends StatementFormat>(
  request: StatementExportRequest & { format: F },
): Promise<Body<F>> {
  if (!isExportFormat(request.format))
    throw new Error(`--format must be csv, html, pdf or xlsx, got ${String(request.format)}`);
  if (request.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(request.asOf))
    throw new Error(`--as-of must be a date (YYYY-MM-DD), got ${request.asOf}`);
  if (!/^\d{5}$/.test(request.labeler))
    throw new Error(`--labeler must be a 5-digit labeler code, got ${request.labeler}`);
  if (!/^[A-Za-z]{2}$/.test(request.state)) throw new Error(`--state must be a USPS code, got ${request.state}`);
  if (!/^\d{4}Q[1-4]$/.test(request.quarter))
    throw new Error(`--quarter must look like 2026Q1, got ${request.quarter}`);
  const path = `/v1/labelers/${request.labeler}/states/${request.state.toUpperCase()}/statements/${request.quarter}.${request.format}`;
  const url = new URL(path, request.api);
  if (request.asOf) url.searchParams.set('asOf', request.asOf);
  const response = await fetch(url, { headers: { authorization: `Bearer ${request.token}` } });
  if (!response.ok) {
    const body = await response.text();
    let detail = body.slice(0, 300);
    try {
      const error = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
      if (error) detail = `${error.code ?? ''}: ${error.message ?? ''}`;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`HTTP ${response.status} ${detail}`);
  }
  const text = request.format === 'csv' || request.format === 'html';
  const body = (text ? await response.text() : Buffer.from(await response.arrayBuffer())) as Body<F>;
  if (request.out) await writeFile(request.out, body);
  return body;
}
