import type { ReactNode } from 'react';

/** Loading, error and empty states: announced to screen readers, never a blank page. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{error.message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Shows loading, error or the content of a query. */
export function QueryView<R>({
  state,
  what,
  children,
}: {
  state: { data: R | null; error: Error | null; loading: boolean; reload: () => void };
  what: string;
  children: (data: R) => ReactNode;
}) {
  if (state.error) return <ErrorMessage error={state.error} retry={state.reload} />;
  if (!state.data) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}
