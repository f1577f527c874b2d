import { Readable } from 'node:stream';
import { Kind, OperationTypeNode, parse } from 'graphql';
import { readClaimFile, type RecordProblem } from '@lib/claims';
import { Role } from '@lib/common';
import { consoleClaimFile, consoleExamples, everyConsoleExample, PUBLIC_EXAMPLES } from './console-examples';
import { firstOfNextQuarter, lastEndedMonth } from './console-dates';
import type { ConsoleFacts } from './console-facts';
import { sampleConsoleFacts } from './console-facts.fixtures';

const ROLES = [Role.STATE_STAFF, Role.MANUFACTURER_STAFF, Role.AUDITOR, Role.FEDERAL_COORDINATOR];

/** Facts of a platform with nothing to act on: only reads are left. */
function emptyFacts(role: Role): ConsoleFacts {
  return {
    ...sampleConsoleFacts(role),
    stateCode: null,
    stateFips: null,
    labelerCode: null,
    agreement: null,
    amendable: null,
    openAmendment: null,
    draftProduct: null,
    expirable: null,
    participation: null,
    closableYear: null,
    reopenableYear: null,
    episode: null,
    observation: null,
    statement: null,
    acknowledgeable: null,
    disputableLine: null,
    openDispute: null,
    payable: null,
    issuableQuarter: null,
    nextRateDate: null,
  };
}

const isMutation = (query: string) =>
  parse(query).definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.MUTATION,
  );
const operationName = (query: string) =>
  parse(query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []))[0];

describe('console examples per role', () => {
  it.each([
    [Role.STATE_STAFF, 'Claim submissions'],
    [Role.MANUFACTURER_STAFF, 'Statements'],
    [Role.AUDITOR, 'Program dashboard'],
    [Role.FEDERAL_COORDINATOR, 'Program dashboard'],
  ])('%s starts from "%s"', (role, first) => {
    expect(consoleExamples(sampleConsoleFacts(role))[0].title).toBe(first);
  });

  it.each(ROLES)('%s: titles and operation names are unique, each example says what it does first', (role) => {
    const examples = consoleExamples(sampleConsoleFacts(role));
    expect(new Set(examples.map((e) => e.title)).size).toBe(examples.length);
    expect(new Set(examples.map((e) => operationName(e.query))).size).toBe(examples.length);
    for (const example of examples) expect(example.query).toMatch(/^# \S/);
  });

  it('auditors change nothing: none of their examples is a mutation', () => {
    expect(consoleExamples(sampleConsoleFacts(Role.AUDITOR)).filter((e) => isMutation(e.query))).toEqual([]);
  });

  it('manufacturers get no example that asks for a beneficiary id or a claim file', () => {
    for (const example of consoleExamples(sampleConsoleFacts(Role.MANUFACTURER_STAFF))) {
      expect(example.query).not.toMatch(/beneficiaryId|submitClaimFile|msis/i);
    }
  });

  it.each([
    [
      Role.STATE_STAFF,
      ['Submit a claim file', 'Report an outcome', 'Withdraw an outcome', 'Resolve a dispute', 'Leave an agreement'],
    ],
    [
      Role.MANUFACTURER_STAFF,
      ['Acknowledge a statement', 'Dispute a line', 'Record a payment', 'Accept the amendment', 'Propose an amendment'],
    ],
    [
      Role.FEDERAL_COORDINATOR,
      [
        'Draft an agreement',
        'Propose an amendment',
        'Submit a claim file',
        'Issue a quarter',
        'Close a contract year',
        'Reopen a contract year',
        'Leave an agreement',
        'Expire an agreement',
      ],
    ],
  ])('%s has the operations of its work', (role, titles) => {
    expect(consoleExamples(sampleConsoleFacts(role)).map((e) => e.title)).toEqual(expect.arrayContaining(titles));
  });

  it.each(ROLES)(
    '%s: with nothing to act on, only examples needing no fact remain (no placeholder instead)',
    (role) => {
      const examples = consoleExamples(emptyFacts(role));
      expect(examples.filter((e) => isMutation(e.query))).toEqual([]);
      expect(examples.length).toBeGreaterThan(3);
      for (const example of examples) expect(JSON.stringify(example.variables ?? {})).not.toMatch(/null|<|0000-0000/);
    },
  );

  it('coordinators expire last: the irreversible example comes after every other', () => {
    expect(consoleExamples(sampleConsoleFacts(Role.FEDERAL_COORDINATOR)).at(-1)?.title).toBe('Expire an agreement');
  });

  it('dates come from the facts, never fixed: the amendment splits the price schedule at its effective date', () => {
    const facts = sampleConsoleFacts(Role.MANUFACTURER_STAFF);
    const amendment = consoleExamples(facts).find((e) => e.title === 'Propose an amendment');
    expect(amendment?.variables).toMatchObject({
      input: {
        agreementId: facts.amendable?.id,
        effectiveFrom: '2027-01-01',
        terms: {
          schedule: [
            { effectiveFrom: '2025-01-01', effectiveTo: '2026-12-31', wac: '3100000.00', guaranteedRebatePct: '0.1' },
            { effectiveFrom: '2027-01-01', effectiveTo: null, wac: '3100000.00', guaranteedRebatePct: '0.12' },
          ],
        },
      },
    });
    const leave = consoleExamples(sampleConsoleFacts(Role.STATE_STAFF)).find((e) => e.title === 'Leave an agreement');
    expect(leave?.variables).toMatchObject({ input: { effectiveTo: '2027-03-31' } });
    const report = consoleExamples(sampleConsoleFacts(Role.STATE_STAFF)).find((e) => e.title === 'Report an outcome');
    // 60 days after an administration of 2026-11-20 is still ahead: the event is dated today.
    expect(report?.variables).toMatchObject({ input: { eventDate: '2026-12-05' } });
  });

  it('before sign-in: sign in and who am I', () => {
    expect(PUBLIC_EXAMPLES.map((e) => e.title)).toEqual(['Sign in', 'Who am I']);
    expect(everyConsoleExample(sampleConsoleFacts()).length).toBeGreaterThan(30);
  });

  it.each([
    ['2026-12-05', '2027-01-01'],
    ['2026-03-31', '2026-04-01'],
    ['2026-04-01', '2026-07-01'],
  ])('the quarter after %s starts on %s', (date, next) => {
    expect(firstOfNextQuarter(date)).toBe(next);
  });
  it.each([
    ['2026-12-05', '2026-11-01', '2026-11-30'],
    ['2027-01-01', '2026-12-01', '2026-12-31'],
    ['2028-03-15', '2028-02-01', '2028-02-29'],
  ])('the last month ended before %s runs from %s to %s', (today, start, end) => {
    expect(lastEndedMonth(today)).toEqual({ start, end });
  });
});

describe('the example claim file', () => {
  it('is a valid one-claim CLAIMOT file of the state for the last ended month: no problem, one Casgevy line', async () => {
    const content = consoleClaimFile('NY', '36', { start: '2026-11-01', end: '2026-11-30' }, '2026-12-05');
    const problems: RecordProblem[] = [];
    let lines = 0;
    const result = await readClaimFile(Readable.from([Buffer.from(content)]), {
      relevance: { cgtNdc11s: new Set(['51167029009']), cgtHcpcs: new Set(['J3392']), diagnosisPrefixes: ['D57'] },
      expectedStateFips: '36',
      today: '2026-12-05',
      sink: { problem: (p) => void problems.push(p), line: () => void (lines += 1) },
    });
    expect(result.ok).toBe(true);
    expect(problems).toEqual([]);
    expect(lines).toBe(1);
    expect(result.header).toMatchObject({ periodStart: '2026-11-01', periodEnd: '2026-11-30' });
  });
});
