import {
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { JsonSchema } from '@lib/common';

/** How the GraphQL scalars are written in JSON (the HTTP bodies serialize the same models). */
const SCALARS: Record<string, JsonSchema> = {
  ID: { type: 'string' },
  String: { type: 'string' },
  Boolean: { type: 'boolean' },
  Int: { type: 'integer' },
  Float: { type: 'number' },
  Date: { type: 'string', format: 'date' },
  DateTime: { type: 'string', format: 'date-time' },
  Decimal: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
  Money: { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' },
  JSON: {},
};

/**
 * JSON Schemas of GraphQL object types and of every type they reach, by name:
 * the HTTP endpoints answer the same models as GraphQL, so their schemas and descriptions come
 * from the one schema the code generates, never written twice.
 */
export function jsonSchemasOf(schema: GraphQLSchema, roots: readonly string[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (out[name] || SCALARS[name]) continue;
    const type = schema.getType(name);
    if (!type) throw new Error(`GraphQL type ${name} does not exist`);
    out[name] = namedSchema(type, (next) => pending.push(next));
  }
  return out;
}

function namedSchema(type: GraphQLNamedType, reach: (name: string) => void): JsonSchema {
  const description = type.description ?? undefined;
  if (isEnumType(type)) {
    return { type: 'string', description, enum: type.getValues().map((v) => v.value as string) };
  }
  if (isObjectType(type)) {
    const fields = Object.values(type.getFields());
    return {
      type: 'object',
      description,
      required: fields.map((f) => f.name),
      properties: Object.fromEntries(
        fields.map((f) => [f.name, { ...fieldSchema(f.type, reach), description: f.description ?? undefined }]),
      ),
    };
  }
  if (isScalarType(type)) return { ...(SCALARS[type.name] ?? {}), description };
  throw new Error(`GraphQL type ${type.name} has no JSON form here`);
}

/** A field's schema: nullable unless non-null, lists as arrays, named types by reference. */
function fieldSchema(type: GraphQLOutputType, reach: (name: string) => void): JsonSchema {
  if (isNonNullType(type)) return required(type.ofType, reach);
  const inner = required(type, reach);
  if (inner.$ref) return { oneOf: [inner, { type: 'null' }] };
  // Without a type (JSON) any value is allowed already, null included.
  return inner.type === undefined ? inner : { ...inner, type: [String(inner.type), 'null'] };
}

function required(type: GraphQLOutputType, reach: (name: string) => void): JsonSchema {
  if (isNonNullType(type)) return required(type.ofType, reach);
  if (isListType(type)) return { type: 'array', items: fieldSchema(type.ofType, reach) };
  const named = getNamedType(type);
  if (isScalarType(named) && SCALARS[named.name]) return { ...SCALARS[named.name] };
  reach(named.name);
  return { $ref: `#/components/schemas/${named.name}` };
}
