import { applyDecorators, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { Allow } from 'class-validator';
import { Dec, isDecimalText } from '../money/decimal';
import { AppError, validationFailed, type FieldViolation } from './app-error';

/** Flattens class-validator's tree into `schedule[0].wac`-style paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const error of errors) {
    const segment = /^\d+$/.test(error.property)
      ? `[${error.property}]`
      : prefix
        ? `.${error.property}`
        : error.property;
    const path = `${prefix}${segment}`;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

const MAX_INPUT_DEPTH = 32;

/** Where a client's input arrives: REST bodies, query strings and path parameters, GraphQL arguments. */
const CLIENT_INPUT = new Set<string>(['body', 'query', 'param', 'args']);

/**
 * Every string of an input (nested objects and lists too) holding a NUL character: PostgreSQL
 * text cannot store one, so it would fail as a masked 500 deep in a statement (README "Security",
 * bad input as masked 500s). Checked for every argument of every resolver and route by the one ValidationPipe.
 */
export function nulCharacterViolations(value: unknown, path: string, depth = 0): FieldViolation[] {
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? [{ path: path || 'input', message: 'must not contain a NUL character (\\u0000)' }]
      : [];
  }
  if (value === null || typeof value !== 'object' || depth > MAX_INPUT_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulCharacterViolations(v, `${path}[${i}]`, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    nulCharacterViolations(v, path ? `${path}.${key}` : key, depth + 1),
  );
}

/**
 * The one ValidationPipe: whitelists and transforms inputs and reports every violation at once,
 * each path prefixed with the argument name (`input.schedule[0].wac`).
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A field resolver's parent, context and info, and custom decorators (the actor), are the
    // server's own values: nothing to check, and walking a parent model on every resolved
    // field cost more than the field.
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const nul = nulCharacterViolations(value, metadata.data ?? '');
    if (nul.length) throw validationFailed(nul);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof AppError && metadata.data && metadata.type !== 'custom') {
        throw validationFailed(
          error.violations.map((v) => ({ path: `${metadata.data}.${v.path}`, message: v.message })),
        );
      }
      throw error;
    }
  }
}

/**
 * For input fields carried by the Decimal/Money scalars: class-transformer would otherwise try
 * to rebuild the decimal.js instance with `new Decimal()` (and fail). It passes through as text
 * and comes back as a Dec. `Allow` keeps it through the whitelist (the scalar has parsed it); the
 * domain validator checks its value.
 */
export function DecimalInput(): PropertyDecorator {
  return applyDecorators(
    Allow(),
    Type(() => String),
    // The scalar's Dec itself when there is one: its text may be in exponent form (1e+60), which
    // isDecimalText refuses, and the domain validator must see the value to refuse it clearly.
    Transform(({ value, obj, key }: { value: unknown; obj: Record<string, unknown>; key: string }) =>
      Dec.isDecimal(obj[key]) ? obj[key] : typeof value === 'string' && isDecimalText(value) ? new Dec(value) : value,
    ),
  );
}
