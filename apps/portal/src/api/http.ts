/** An error the portal shows to the user: the server's own message, never a stack. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Listeners told when the server says the session is gone (401), so the app shows sign-in. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}
export function notifySignedOut(): void {
  for (const listener of signedOutListeners) listener();
}

interface ErrorBody {
  error?: { code?: string; message?: string; violations?: { path: string; message: string }[] };
}

/** Turns a failed HTTP response into an ApiError with the server's message. */
export async function errorOf(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy page): the status says enough.
  }
  const violations = body.error?.violations?.map((v) => `${v.path}: ${v.message}`).join('; ');
  const message = body.error?.message ?? `The server answered ${response.status} ${response.statusText}`;
  return new ApiError(violations ? `${message} (${violations})` : message, response.status, body.error?.code ?? null);
}

/** fetch for the API's JSON endpoints: same-origin cookie, errors as ApiError, 401 signs out. */
export async function fetchJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      // JSON bodies say so; a FormData body gets its multipart boundary from the browser.
      ...(init.body && !(init.body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && path !== '/v1/session') notifySignedOut();
    throw error;
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}
