/**
 * Errors as they may appear in a log line, a job's failure reason or a process's stderr (README "Security",
 * PHI in logs). Database errors carry the values of the failed statement: TypeORM's
 * QueryFailedError its `query` and `parameters` (an observation's evidence text, a beneficiary id),
 * the driver's error a `detail` ("Failing row contains (...)", "Key (email)=(...)"), a `where`
 * (a COPY line) and messages such as `invalid input syntax for type uuid: "<value>"`. What is
 * kept: the error's type, SQLSTATE and the schema names (table, column, constraint, data type),
 * its message with quoted values blanked, and the stack's frames. Other errors keep name, message
 * and stack only: never their extra properties, which may hold anything.
 */

export interface SafeError {
  type: string;
  message: string;
  sqlState?: string;
  table?: string;
  column?: string;
  constraint?: string;
  dataType?: string;
  stack?: string;
  cause?: SafeError;
}

/** Quoted text right after one of these words names a schema object, not a value. */
const IDENTIFIER_BEFORE_QUOTE =
  /\b(?:constraint|relation|column|table|type|encoding|index|schema|function|sequence|trigger|view|database|role|operator|cursor|prepared statement|savepoint|extension)\s*$/i;
const QUOTED = /"(?:[^"]|"")*"|'(?:[^']|'')*'/g;

/** Blanks every quoted value of a database message; schema names (`constraint "x"`) stay. */
export function redactDatabaseMessage(message: string): string {
  return message.replace(QUOTED, (quoted: string, offset: number) =>
    IDENTIFIER_BEFORE_QUOTE.test(message.slice(Math.max(0, offset - 40), offset)) ? quoted : '"[redacted]"',
  );
}

type Fields = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The driver's error under TypeORM's wrapper, or the error itself when it is one. */
function databaseErrorOf(error: Fields): Fields | null {
  const driver = error.driverError;
  if (driver && typeof driver === 'object') return driver as Fields;
  const code = text(error.code);
  return code && /^[0-9A-Z]{5}$/.test(code) && 'severity' in error ? error : null;
}

/** Replaces the message in the stack's first line, keeping only the frames. */
function stackWith(error: Error, message: string): string | undefined {
  if (!error.stack) return undefined;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}: ${message}`, ...frames].join('\n');
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: error === null || error === undefined ? String(error) : '[non-error value]' };
  }
  const fields = error as unknown as Fields;
  const database = databaseErrorOf(fields);
  const message = database ? redactDatabaseMessage(error.message) : error.message;
  const safe: SafeError = { type: error.name, message };
  if (database) {
    safe.sqlState = text(database.code);
    safe.table = text(database.table);
    safe.column = text(database.column);
    safe.constraint = text(database.constraint);
    safe.dataType = text(database.dataType);
  }
  safe.stack = stackWith(error, message);
  if (error.cause !== undefined && depth < 3) safe.cause = safeError(error.cause, depth + 1);
  return safe;
}

/** One line for stderr or a stored failure reason. */
export function safeErrorMessage(error: unknown): string {
  const safe = safeError(error);
  return safe.sqlState ? `${safe.message} (SQLSTATE ${safe.sqlState})` : safe.message;
}

/**
 * An error fit to be thrown on where it will be stored (a BullMQ job's failure reason lives in
 * Redis): database errors become a plain Error with the redacted message; others stay as they are.
 */
export function withoutDatabaseValues(error: unknown): unknown {
  if (!(error instanceof Error) || !databaseErrorOf(error as unknown as Fields)) return error;
  const safe = new Error(safeErrorMessage(error));
  safe.name = error.name;
  safe.stack = stackWith(error, safe.message);
  return safe;
}
