import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate, isoDateOf, type IsoDate } from '../dates/business-date';

function parseDate(value: unknown): IsoDate {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(
      `Date cannot represent ${JSON.stringify(value)}: expected a real calendar date as YYYY-MM-DD`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return value;
}

/** A business date without time or zone: `2026-03-10`. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date without time or time zone, as YYYY-MM-DD (for example "2026-03-10").',
  serialize: (value) => {
    if (value instanceof Date) return isoDateOf(value);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('Date must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});
