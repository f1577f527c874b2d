import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { HTTP_STATUS_BY_CATEGORY } from './app-error';
import { toClientError } from './error-formatter';

/** The REST face of the error model: same categories and codes as GraphQL, as JSON. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const client = toClientError(exception);
    const status =
      client.category === 'INTERNAL_SERVER_ERROR'
        ? 500
        : exception instanceof HttpException
          ? exception.getStatus()
          : HTTP_STATUS_BY_CATEGORY[client.category];
    response.status(status).json({ error: client });
  }
}
