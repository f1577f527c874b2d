import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and audit row carries about the current request or job. */
export interface RequestContextValue {
  requestId?: string;
  jobId?: string;
  queue?: string;
  /** The HTTP client's address (Express' req.ip): keys sign-in throttling; never logged. */
  clientAddress?: string;
  /** SQL statements run so far for this request (counted by the database logger). */
  sqlStatements?: number;
}

const storage = new AsyncLocalStorage<RequestContextValue>();

export const RequestContext = {
  run<T>(value: RequestContextValue, fn: () => T): T {
    return storage.run(value, fn);
  },
  current(): RequestContextValue {
    return storage.getStore() ?? {};
  },
  /** Counts one SQL statement against the current request, if any. */
  countSqlStatement(): void {
    const store = storage.getStore();
    if (store) store.sqlStatements = (store.sqlStatements ?? 0) + 1;
  },
};
