import { useCallback, useEffect, useRef, useState } from 'react';
import type { TadaDocumentNode } from 'gql.tada';
import { gqlRequest } from './graphql';

export interface QueryState<R> {
  data: R | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a typed query when its variables change; keeps the last data while reloading. */
export function useQuery<R, V>(document: TadaDocumentNode<R, V>, variables: V, skip = false): QueryState<R> {
  const [data, setData] = useState<R | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(!skip);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const latest = useRef(0);

  useEffect(() => {
    if (skip) return;
    const ticket = ++latest.current;
    setLoading(true);
    gqlRequest(document, JSON.parse(key) as V).then(
      (result) => {
        if (ticket !== latest.current) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
  }, [document, key, generation, skip]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

/** State of one user action (a mutation or an upload): running, its error, and a runner. */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): { run: (...args: A) => Promise<R | undefined>; running: boolean; error: Error | null; clearError: () => void } {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setRunning(true);
      setError(null);
      try {
        return await action(...args);
      } catch (failure) {
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        return undefined;
      } finally {
        setRunning(false);
      }
    },
    [action],
  );
  return { run, running, error, clearError: () => setError(null) };
}
