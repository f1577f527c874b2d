/** Methods that change nothing: a cookie may authorize them from anywhere the browser sends it. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CookieRequest {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  referer: string | undefined;
  /** Where this app is: PUBLIC_ORIGIN, or the scheme and Host of the request. */
  ownOrigin: string;
  /** API_ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[];
  /**
   * Sign-in has no cookie to protect yet: a request without any of the three headers (CLI,
   * scripts) may proceed, but a browser request from a foreign page may not (login CSRF).
   */
  headersOptional?: boolean;
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * CSRF rule for requests authorized by the session cookie (README "Portal"): a state-changing request
 * must come from the app's own pages. Browsers send Origin on every POST, PUT, PATCH and DELETE;
 * without it, Sec-Fetch-Site must say same-origin, or the Referer must be one of ours. Returns why
 * the request is refused, or null when it may proceed. SameSite=Strict on the cookie is the
 * second, independent line of defence.
 */
export function cookieRequestRefusal(request: CookieRequest): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const allowed = new Set([request.ownOrigin, ...request.allowedOrigins].map((o) => originOf(o) ?? o));
  const shown = [...allowed].join(', ');
  if (request.origin !== undefined) {
    const origin = originOf(request.origin);
    if (origin !== null && allowed.has(origin)) return null;
    return `Origin ${request.origin} is not this site (${shown})`;
  }
  if (request.secFetchSite !== undefined) {
    if (request.secFetchSite.toLowerCase() === 'same-origin') return null;
    return `the request is ${request.secFetchSite} (Sec-Fetch-Site), not same-origin`;
  }
  if (request.referer !== undefined) {
    const origin = originOf(request.referer);
    if (origin !== null && allowed.has(origin)) return null;
    return `it was sent from a page of ${origin ?? 'an unknown origin'} (Referer), not of this site (${shown})`;
  }
  if (request.headersOptional) return null;
  return 'it carries no Origin, Sec-Fetch-Site or Referer header to show it comes from this site';
}
