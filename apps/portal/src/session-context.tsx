import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSignedOut } from './api/http';
import * as api from './api/session';

interface SessionState {
  /** undefined while the first GET /v1/session runs; null when signed out. */
  session: api.Session | null | undefined;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<api.Session | null | undefined>(undefined);

  useEffect(() => {
    api.currentSession().then(setSession, () => setSession(null));
    return onSignedOut(() => setSession(null));
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    setSession(await api.signIn(email, password));
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setSession(null);
    }
  }, []);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in user (pages under the signed-in layout only). */
export function useUser(): api.SessionUser {
  const { session } = useSession();
  if (!session) throw new Error('useUser while signed out');
  return session.user;
}
