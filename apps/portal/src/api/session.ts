import { fetchJson } from './http';

export type Role = 'FEDERAL_COORDINATOR' | 'AUDITOR' | 'STATE_STAFF' | 'MANUFACTURER_STAFF';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  stateCode: string | null;
  manufacturerId: string | null;
}

export interface Session {
  user: SessionUser;
  expiresAt: string;
}

/** POST /v1/session: sets the HttpOnly cookie; the page never sees the token. */
export function signIn(email: string, password: string): Promise<Session> {
  return fetchJson<Session>('/v1/session', { method: 'POST', body: JSON.stringify({ email, password }) });
}

export function currentSession(): Promise<Session> {
  return fetchJson<Session>('/v1/session');
}

/** DELETE /v1/session: ends the session on the server and clears the cookie. */
export function signOut(): Promise<void> {
  return fetchJson<void>('/v1/session', { method: 'DELETE' });
}
