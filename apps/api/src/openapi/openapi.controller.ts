import { Controller, Get, Header } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Allow, Role } from '@lib/common';
import { GRAPHQL_BODY_TYPES, HTTP_ROUTES, HTTP_TAGS } from './api-routes';
import { jsonSchemasOf } from './graphql-json-schema';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document';

/** GET /v1/openapi.json: the HTTP endpoints, generated from the route tables. */
@Controller('v1')
export class OpenApiController {
  private document: OpenApiDocument | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  @Allow(Role.FEDERAL_COORDINATOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF, Role.AUDITOR)
  @Get('openapi.json')
  @Header('Cache-Control', 'no-store')
  openApi(): OpenApiDocument {
    // Built once, after GraphQL has generated its schema (not available at construction).
    this.document ??= buildOpenApiDocument(
      HTTP_ROUTES,
      // GraphQLModule's own provider, outside this module: looked up across the app.
      jsonSchemasOf(this.moduleRef.get(GraphQLSchemaHost, { strict: false }).schema, GRAPHQL_BODY_TYPES),
      HTTP_TAGS,
    );
    return this.document;
  }
}
