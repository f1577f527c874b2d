import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

const PADDING = 61; // '='

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/**
 * Whether a text is standard base64 (RFC 4648, section 4): A-Z, a-z, 0-9, `+` and `/`, a length
 * that is a multiple of 4, and at most two `=` at the very end (the empty text counts). One pass
 * over the characters, so a document of several megabytes costs milliseconds and no stack.
 * class-validator's `@IsBase64()` tests a regular expression instead, and on a 5 MB document
 * V8's regexp engine can run out of stack ("Maximum call stack size exceeded"), depending on
 * what the process ran before: a valid upload then failed as an internal error.
 */
export function isBase64Text(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === PADDING) end -= 1;
  if (end > 0 && text.charCodeAt(end - 1) === PADDING) end -= 1;
  for (let i = 0; i < end; i += 1) {
    if (!isBase64Char(text.charCodeAt(i))) return false;
  }
  return true;
}

/** class-validator decorator for `isBase64Text`, with `@IsBase64()`'s message. */
export function IsBase64Text(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBase64Text',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isBase64Text(value),
        defaultMessage: buildMessage((each) => `${each}$property must be base64 encoded`, validationOptions),
      },
    },
    validationOptions,
  );
}
