import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Dec, formatMoney, isDecimalText } from '../money/decimal';

function invalid(name: string, value: unknown, hint: string): GraphQLError {
  return new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}: ${hint}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function parseDecimalText(name: string, value: unknown, maxPlaces: number | null): Dec {
  if (typeof value !== 'string') {
    throw invalid(name, value, 'send decimals as strings, e.g. "0.125", never as binary floats');
  }
  const text = value.trim();
  if (!isDecimalText(text)) throw invalid(name, value, 'expected digits with an optional sign and fraction');
  const d = new Dec(text);
  if (maxPlaces !== null && d.decimalPlaces() > maxPlaces) {
    throw invalid(name, value, `at most ${maxPlaces} decimal places`);
  }
  return d;
}

function serializeWith(name: string, format: (d: Dec) => string) {
  return (value: unknown): string => {
    if (Dec.isDecimal(value)) return format(value);
    if (typeof value === 'string' && isDecimalText(value)) return format(new Dec(value));
    throw new GraphQLError(`${name} cannot serialize ${typeof value}`);
  };
}

/** An exact decimal: a string on the wire (`"0.125"`), a decimal.js value inside. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'An exact decimal number, sent and received as a string (for example "0.125" or "2200000.00"). Never a binary float.',
  serialize: serializeWith('Decimal', (d) => d.toFixed()),
  parseValue: (value) => parseDecimalText('Decimal', value, null),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('Decimal', ast.kind, 'send decimals as strings');
    return parseDecimalText('Decimal', ast.value, null);
  },
});

/** Money: an exact decimal with exactly two places on the wire (`"220000.00"`). */
export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description:
    'An amount in US dollars as a string with two decimals (for example "220000.00"); negative for reversals.',
  serialize: serializeWith('Money', formatMoney),
  parseValue: (value) => parseDecimalText('Money', value, 2),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('Money', ast.kind, 'send amounts as strings');
    return parseDecimalText('Money', ast.value, 2);
  },
});
