/**
 * A value made on first use and shared by every caller after: `lazily(load)()` runs `load` once,
 * and everyone awaiting meanwhile gets the same promise. A failed load is forgotten, so the next
 * call tries again (a module that failed to load is not a lasting state).
 */
export function lazily<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
