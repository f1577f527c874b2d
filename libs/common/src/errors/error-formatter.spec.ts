import { ForbiddenException, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AppError, ErrorCategory, validationFailed } from './app-error';
import { formatGraphqlError, toClientError } from './error-formatter';

describe('one error model', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('maps an AppError to its category and reason', () => {
    const error = new AppError(ErrorCategory.CONFLICT, 'EMAIL_TAKEN', 'taken');
    expect(formatGraphqlError({ message: 'x' }, error).extensions).toEqual({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
  });

  it('lists every violation of a validation error', () => {
    const error = validationFailed([
      { path: 'input.a', message: 'bad a' },
      { path: 'input.b[0].c', message: 'bad c' },
    ]);
    expect(formatGraphqlError({ message: 'x' }, error)).toMatchObject({
      message: 'Input is invalid: input.a: bad a; input.b[0].c: bad c',
      extensions: { code: 'BAD_USER_INPUT', violations: error.violations },
    });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toClientError(new ForbiddenException('no')).category).toBe('FORBIDDEN');
  });

  it('masks unknown errors: no message, stack or SQL reaches the client', () => {
    const formatted = formatGraphqlError(
      { message: 'relation "x" does not exist' },
      new Error('relation "x" does not exist'),
    );
    expect(formatted.message).toMatch(/^Internal server error \(error id [0-9a-f-]+\)$/);
    expect(formatted.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it("passes GraphQL's own validation errors through", () => {
    const error = new GraphQLError('Cannot query field "x"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(
      formatGraphqlError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error)
        .extensions,
    ).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
  });
});
