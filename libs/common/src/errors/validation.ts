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
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && isDecimalText(value) ? new Dec(value) : value,
    ),
  );
}
