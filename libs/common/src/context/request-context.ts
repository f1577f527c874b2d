import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and audit row carries about the current request or job. */
export interface RequestContextValue {
  requestId?: string;
  jobId?: string;
  queue?: string;
  /** The HTTP client's address (Express' req.ip): keys sign-in throttling; never logged. */
  clientAddress?: string;
}

const storage = new AsyncLocalStorage<RequestContextValue>();

export const RequestContext = {
  run<T>(value: RequestContextValue, fn: () => T): T {
    return storage.run(value, fn);
  },
  current(): RequestContextValue {
    return storage.getStore() ?? {};
  },
};
