import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What one GraphQL operation may ask for (4,000 aliases of programDashboard
 * ran 14.6 s and starved everyone else). Each limit refuses the operation before anything runs,
 * with a client error (HTTP 400): the size of the document (tokens, at parse time), its shape
 * (depth, aliases, root fields: a validation rule) and its estimated cost (below).
 */
export interface QueryLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxComplexity: number;
}

/** What a selection set asks for; fragments are summarised once (a fragment "bomb" stays linear). */
interface Shape {
  depth: number;
  aliases: number;
  fields: number;
}

class ShapeCounter {
  private readonly memo = new Map<string, Shape>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly fragments: Map<string, FragmentDefinitionNode>) {}

  of(set: SelectionSetNode | undefined): Shape {
    const shape: Shape = { depth: 0, aliases: 0, fields: 0 };
    if (!set) return shape;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const child = this.of(selection.selectionSet);
        shape.fields += 1;
        shape.aliases += child.aliases + (selection.alias ? 1 : 0);
        // Introspection (the console's own schema query is deep) does not count towards depth.
        if (!selection.name.value.startsWith('__')) shape.depth = Math.max(shape.depth, 1 + child.depth);
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? this.of(selection.selectionSet)
            : this.fragment(selection.name.value);
        shape.fields += inner.fields;
        shape.aliases += inner.aliases;
        shape.depth = Math.max(shape.depth, inner.depth);
      }
    }
    return shape;
  }

  private fragment(name: string): Shape {
    const known = this.memo.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown and cyclic fragments are refused by graphql's own rules.
    if (!fragment || this.inProgress.has(name)) return { depth: 0, aliases: 0, fields: 0 };
    this.inProgress.add(name);
    const shape = this.of(fragment.selectionSet);
    this.inProgress.delete(name);
    this.memo.set(name, shape);
    return shape;
  }
}

/** The shape of each operation of a document: deepest path, aliases used, fields at its root. */
export function operationShapes(document: DocumentNode): { name: string | null; shape: Shape }[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const counter = new ShapeCounter(fragments);
  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? [{ name: definition.name?.value ?? null, shape: counter.of(definition.selectionSet) }]
      : [],
  );
}

/** Validation rule: refuse operations deeper than maxDepth, with more aliases or root fields than allowed. */
export function operationShapeRule(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxRootFields'>) {
  return (context: ValidationContext): ASTVisitor => {
    const shapes = operationShapes(context.getDocument());
    let index = 0;
    return {
      OperationDefinition(node) {
        const { shape } = shapes[index++];
        const refuse = (message: string) => context.reportError(new GraphQLError(message, { nodes: [node] }));
        if (shape.depth > limits.maxDepth) {
          refuse(`Query is too deep: ${shape.depth} levels; the limit is ${limits.maxDepth}`);
        }
        if (shape.aliases > limits.maxAliases) {
          refuse(`Query uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}`);
        }
        if (shape.fields > limits.maxRootFields) {
          refuse(`Query asks for ${shape.fields} root fields; the limit is ${limits.maxRootFields}`);
        }
      },
    };
  };
}

/**
 * The most items a list field can return now, by `Type.field` (e.g. `Product.ndcs`): for the
 * small catalog lists, what exists (catalog-bounds.ts), so the estimate follows the data.
 */
export type ListBounds = ReadonlyMap<string, number>;

/** A root field is a resolver with its own database work, not one property of an object. */
export const ROOT_FIELD_COST = 10;
/** What an unpaginated list (statement lines, dashboard rows, benchmarks) is assumed to hold. */
export const UNPAGINATED_LIST_SIZE = 10;

/**
 * Cost of a field: 1 (ROOT_FIELD_COST at the root) plus its children times how many items it
 * returns: the page size it asks for (`first`, 20 by default) for a connection, whose `edges`
 * it then sizes, or fewer when `bounds` knows that no more exist (the catalog lists);
 * UNPAGINATED_LIST_SIZE for any other list of objects; introspection counts once.
 */
export function realisticEstimator(schema: GraphQLSchema, bounds: ListBounds = new Map()): ComplexityEstimator {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  return ({ type, field, args, childComplexity }) => {
    const base = roots.has(type as never) ? ROOT_FIELD_COST : 1;
    if (typeof args.first === 'number') {
      const most = bounds.get(`${type.name}.${field.name}`);
      return base + childComplexity * (most === undefined ? args.first : Math.min(args.first, most));
    }
    const introspection = type.name.startsWith('__') || field.name.startsWith('__');
    const sizedByConnection = type.name.endsWith('Connection') && field.name === 'edges';
    if (introspection || sizedByConnection || !isListType(getNullableType(field.type))) return base + childComplexity;
    return base + childComplexity * UNPAGINATED_LIST_SIZE;
  };
}

/** A client error (HTTP 400) for an operation refused by a limit. */
function refused(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
}

/**
 * Refuses operations whose estimated cost exceeds `maxComplexity` before running them; `bounds`
 * gives the real maximum of the catalog lists (none: every list is sized by its page size).
 */
export function complexityLimitPlugin(
  maxComplexity: number,
  bounds: () => Promise<ListBounds> = () => Promise.resolve(new Map()),
): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ request, document, schema }) {
          const listBounds = await bounds();
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables ?? {},
              estimators: [realisticEstimator(schema, listBounds)],
            });
          } catch (error) {
            // graphql-query-complexity gives up on very large documents (maxQueryNodes).
            throw refused(`Query is too large to estimate: ${error instanceof Error ? error.message : String(error)}`);
          }
          if (complexity > maxComplexity) {
            throw refused(`Query is too complex: ${complexity}; the limit is ${maxComplexity}`);
          }
        },
      });
    },
  };
}
