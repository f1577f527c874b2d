import { HttpException, Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCategory, isAppError } from './app-error';

/** GraphQL's own codes (parse, validation, variable coercion) reach the client unchanged. */
const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.values(ErrorCategory),
]);

const CATEGORY_BY_HTTP_STATUS: Record<number, ErrorCategory> = {
  400: ErrorCategory.BAD_USER_INPUT,
  401: ErrorCategory.UNAUTHENTICATED,
  403: ErrorCategory.FORBIDDEN,
  404: ErrorCategory.NOT_FOUND,
  409: ErrorCategory.CONFLICT,
  412: ErrorCategory.PRECONDITION_FAILED,
  413: ErrorCategory.BAD_USER_INPUT,
  429: ErrorCategory.TOO_MANY_REQUESTS,
};

export interface ClientError {
  category: ErrorCategory | 'INTERNAL_SERVER_ERROR';
  code: string;
  message: string;
  violations?: { path: string; message: string }[];
  errorId?: string;
}

const logger = new Logger('Errors');

/**
 * Maps any thrown value to what a client may see. Known errors keep their message; anything
 * else is logged with an id and masked, so that no stack, SQL or data leaks.
 */
export function toClientError(error: unknown): ClientError {
  if (isAppError(error)) {
    const known = error;
    return {
      category: known.category,
      code: known.code,
      message: known.message,
      ...(known.violations.length ? { violations: known.violations } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const category = CATEGORY_BY_HTTP_STATUS[status];
    if (category) return { category, code: category, message: error.message };
  }
  const errorId = randomUUID();
  logger.error({ errorId, err: error }, 'Unhandled error (masked for the client)');
  return {
    category: 'INTERNAL_SERVER_ERROR',
    code: 'INTERNAL_SERVER_ERROR',
    message: `Internal server error (error id ${errorId})`,
    errorId,
  };
}

export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const passCode = formatted.extensions?.code;
  if (
    !(original instanceof AppError) &&
    !(original instanceof HttpException) &&
    typeof passCode === 'string' &&
    PASS_THROUGH_CODES.has(passCode) &&
    (original instanceof GraphQLError || original === error)
  ) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: passCode },
    };
  }
  const client = toClientError(original);
  return {
    message: client.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: client.category,
      reason: client.code,
      ...(client.violations ? { violations: client.violations } : {}),
      ...(client.errorId ? { errorId: client.errorId } : {}),
    },
  };
}
