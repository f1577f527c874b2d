import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What the API answers about a submission (GET /v1/claim-submissions/:id). */
export interface SubmissionStatusView {
  id: string;
  status: string;
  stateCode: string;
  rejectionCode: string | null;
  rejectionReason: string | null;
  lastFailureReason: string | null;
  progress: { recordsRead: number; recordsTotal: number | null; bytesRead: number; totalBytes: number };
  counts: Record<string, unknown> | null;
}

export interface UploadResult {
  /** 202: a new submission; 200: the same bytes had been received before. */
  httpStatus: number;
  submission: SubmissionStatusView;
}

const FINAL = ['COMPLETED', 'REJECTED', 'FAILED'];

function readJson(response: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
      }
    });
    response.on('error', reject);
  });
}

function errorOf(body: unknown, status: number | undefined): Error {
  const error = (body as { error?: { code?: string; message?: string } }).error;
  return new Error(`HTTP ${status ?? '?'} ${error?.code ?? ''}: ${error?.message ?? JSON.stringify(body)}`);
}

/**
 * Streams a file to POST /v1/states/{usps}/claim-files (never reading it into memory), reporting
 * the bytes sent.
 */
export async function uploadClaimFile(options: {
  api: string;
  token: string;
  state: string;
  file: string;
  onBytes?: (sent: number, total: number) => void;
}): Promise<UploadResult> {
  const { size } = await stat(options.file);
  const url = new URL(
    `/v1/states/${encodeURIComponent(options.state.toUpperCase())}/claim-files?fileName=${encodeURIComponent(basename(options.file))}`,
    options.api,
  );
  const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/octet-stream',
      'content-length': String(size),
    },
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.on('response', resolve);
    request.on('error', reject);
  });
  let sent = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      options.onBytes?.(sent, size);
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(options.file, { highWaterMark: 256 * 1024 }), meter, request);
  const answer = await response;
  const body = await readJson(answer);
  if (answer.statusCode !== 200 && answer.statusCode !== 202) throw errorOf(body, answer.statusCode);
  return { httpStatus: answer.statusCode, submission: (body as { submission: SubmissionStatusView }).submission };
}

export async function fetchSubmission(api: string, token: string, id: string): Promise<SubmissionStatusView> {
  const response = await fetch(new URL(`/v1/claim-submissions/${id}`, api), {
    headers: { authorization: `Bearer ${token}` },
  });
  const body: unknown = await response.json();
  if (!response.ok) throw errorOf(body, response.status);
  return (body as { submission: SubmissionStatusView }).submission;
}

/** Polls until the submission reaches COMPLETED, REJECTED or FAILED. */
export async function waitForFinalStatus(
  api: string,
  token: string,
  id: string,
  options: { intervalMs?: number; timeoutMs?: number; onUpdate?: (s: SubmissionStatusView) => void } = {},
): Promise<SubmissionStatusView> {
  const deadline = Date.now() + (options.timeoutMs ?? 24 * 3600_000);
  for (;;) {
    const submission = await fetchSubmission(api, token, id);
    options.onUpdate?.(submission);
    if (FINAL.includes(submission.status)) return submission;
    if (Date.now() > deadline) throw new Error(`Submission ${id} is still ${submission.status}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 1000));
  }
}

/** A bearer token from --token, CGT_TOKEN, or signing in with CGT_EMAIL / CGT_PASSWORD. */
export async function resolveToken(api: string, token: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (token) return token;
  if (env.CGT_TOKEN) return env.CGT_TOKEN;
  if (!env.CGT_EMAIL || !env.CGT_PASSWORD) {
    throw new Error('Pass --token, or set CGT_TOKEN, or CGT_EMAIL and CGT_PASSWORD');
  }
  const response = await fetch(new URL('/graphql', api), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: LoginInput!) { signIn(input: $input) { token } }',
      variables: { input: { email: env.CGT_EMAIL, password: env.CGT_PASSWORD } },
    }),
  });
  const body = (await response.json()) as { data?: { signIn?: { token: string } }; errors?: { message: string }[] };
  const signed = body.data?.signIn?.token;
  if (!signed) throw new Error(`Sign-in failed: ${body.errors?.[0]?.message ?? response.status}`);
  return signed;
}
