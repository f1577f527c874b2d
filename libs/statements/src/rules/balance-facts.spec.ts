import { formatMoney } from '@lib/common';
import { statementBalances, type StatementMoney } from './balances';
import { balanceFactsOf, balanceViewOf, moneyOfFacts, type StatementBalanceView } from './balance-facts';
import { statementInterest } from './interest';
import { randomStatement } from './random-statements';
import { type InterestRatePeriod } from './types';

/** Every figure a caller sees, to the cent (and the problem text), from the line-by-line rules. */
function lineByLine(money: StatementMoney, issuedOn: string, asOf: string, rates: readonly InterestRatePeriod[]) {
  let interest: string | null = null;
  let problem: string | null = null;
  try {
    interest = formatMoney(statementInterest(money, issuedOn, asOf, rates).interest);
  } catch (error) {
    problem = (error as Error).message;
  }
  return { ...shown(statementBalances(money, asOf)), interest, problem };
}

function fromFacts(view: StatementBalanceView) {
  return {
    ...shown(view.balances),
    interest: view.interest ? formatMoney(view.interest.interest) : null,
    problem: view.interestProblem,
  };
}

function shown(b: ReturnType<typeof statementBalances>) {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, formatMoney(v)]));
}

describe('balance facts (docs/architecture.md "Fast reads"): the same numbers as the line-by-line rules', () => {
  it('keeps the total and the disputed lines only', () => {
    const { money } = randomStatement(7);
    const facts = balanceFactsOf(money);
    const compact = moneyOfFacts(facts);
    expect(compact.lines.length).toBeLessThanOrEqual(money.disputes.length + 1);
    expect(formatMoney(compact.lines.reduce((s, l) => s.plus(l.amount), facts.total.times(0)))).toBe(
      formatMoney(facts.total),
    );
  });

  it('agrees to the cent on 5,000 random statements, for any asOf (seeded, replayable)', () => {
    const disagreements: unknown[] = [];
    let withInterest = 0;
    let withProblem = 0;
    for (let seed = 1; seed <= 5000; seed++) {
      const { money, issuedOn, asOf, rates } = randomStatement(seed);
      const expected = lineByLine(money, issuedOn, asOf, rates);
      const actual = fromFacts(balanceViewOf(balanceFactsOf(money), issuedOn, asOf, rates));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) disagreements.push({ seed, expected, actual });
      if (expected.interest !== null && expected.interest !== '0.00') withInterest += 1;
      if (expected.problem !== null) withProblem += 1;
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // The generator reaches the interesting cases: interest owed, and gaps in the rate table.
    expect(withInterest).toBeGreaterThan(1000);
    expect(withProblem).toBeGreaterThan(20);
  });

  it('a DRAFT has balances and no interest', () => {
    const { money, asOf, rates } = randomStatement(11);
    const view = balanceViewOf(balanceFactsOf(money), null, asOf, rates);
    expect(view).toMatchObject({ interest: null, interestStartsOn: null, interestProblem: null });
    expect(formatMoney(view.balances.total)).toBe(formatMoney(statementBalances(money, asOf).total));
  });
});
