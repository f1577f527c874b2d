/** The HttpOnly cookie that carries the browser session's token (portal and console). */
export const SESSION_COOKIE = 'cgt_session';

export type CredentialSource = 'bearer' | 'cookie';

/** How a request proves who it is: a bearer token (integrations, CLI) or the session cookie (browsers). */
export type Credential =
  { via: CredentialSource; token: string } | { via: 'malformed-authorization' } | { via: 'none' };

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/**
 * The Authorization header wins when present (it cannot be sent cross-site without CORS, which
 * this API does not allow); otherwise the session cookie.
 */
export function credentialOf(headers: { authorization?: string; cookie?: string }): Credential {
  if (headers.authorization !== undefined && headers.authorization.trim() !== '') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization);
    return match?.[1] ? { via: 'bearer', token: match[1] } : { via: 'malformed-authorization' };
  }
  const cookie = cookieValue(headers.cookie, SESSION_COOKIE);
  return cookie ? { via: 'cookie', token: cookie } : { via: 'none' };
}
