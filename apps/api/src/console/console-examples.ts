import { Role } from '@lib/common';
import type { ConsoleFacts } from './console-facts';
import { AGREEMENT_EXAMPLES } from './examples/agreement-examples';
import { CLAIM_EXAMPLES } from './examples/claim-examples';
import type { ConsoleExample, ExampleDefinition } from './examples/example-definition';
import { PROGRAM_EXAMPLES } from './examples/program-examples';
import { STATEMENT_EXAMPLES } from './examples/statement-examples';

export type { ConsoleExample } from './examples/example-definition';
export { consoleClaimFile } from './examples/console-claim-file';

const DEMO_PASSWORD_HINT = 'demo-password-1';

/** Before sign-in: how an integration gets a token, and who is signed in. */
export const PUBLIC_EXAMPLES: ConsoleExample[] = [
  {
    title: 'Sign in',
    query: `# Sign in. The bar above signs you in with the session cookie, and this console then opens the
# examples of your role. Integrations use this mutation instead and send the token as
# "Authorization: Bearer <token>".
mutation SignIn($input: LoginInput!) {
  signIn(input: $input) {
    token
    expiresAt
    user { email role stateCode manufacturerId }
  }
}`,
    variables: { input: { email: 'coordinator@cms.example.gov', password: DEMO_PASSWORD_HINT } },
  },
  {
    title: 'Who am I',
    query: `# Who am I: the signed-in user (an error while nobody is signed in).
query WhoAmI {
  me { id email displayName role stateCode manufacturerId active }
}`,
  },
];

const EXAMPLES = { ...PROGRAM_EXAMPLES, ...AGREEMENT_EXAMPLES, ...CLAIM_EXAMPLES, ...STATEMENT_EXAMPLES };

type ExampleKey = keyof typeof EXAMPLES;

/**
 * Each role's examples, the one to start from first. Mutations come in an order in which they
 * all succeed one after the other on the demo data (the console test runs them so).
 */
const BY_ROLE: Record<Role, ExampleKey[]> = {
  [Role.STATE_STAFF]: [
    'submissions',
    'submitClaimFile',
    'exceptions',
    'episodes',
    'reportOutcome',
    'withdrawOutcome',
    'observations',
    'statements',
    'statementLines',
    'summary',
    'disputes',
    'resolveDispute',
    'dashboard',
    'agreements',
    'participations',
    'leave',
    'yearCloses',
    'reference',
  ],
  [Role.MANUFACTURER_STAFF]: [
    'statements',
    'statementLines',
    'acknowledge',
    'openDispute',
    'disputes',
    'recordPayment',
    'summary',
    'interestRates',
    'ledger',
    'dashboard',
    'agreements',
    'negotiation',
    'compare',
    'acceptAmendment',
    'proposeAmendment',
    'yearCloses',
    'reference',
  ],
  [Role.AUDITOR]: [
    'dashboard',
    'auditTrail',
    'users',
    'agreements',
    'negotiation',
    'compare',
    'participations',
    'submissions',
    'exceptions',
    'episodes',
    'observations',
    'ledger',
    'statements',
    'statementLines',
    'summary',
    'disputes',
    'interestRates',
    'yearCloses',
    'reference',
  ],
  [Role.FEDERAL_COORDINATOR]: [
    'dashboard',
    'agreements',
    'negotiation',
    'compare',
    'draft',
    'acceptAmendment',
    'proposeAmendment',
    'participations',
    'leave',
    'submissions',
    'submitClaimFile',
    'exceptions',
    'episodes',
    'reportOutcome',
    'withdrawOutcome',
    'observations',
    'ledger',
    'statements',
    'statementLines',
    'summary',
    'issueQuarter',
    'recordPayment',
    'interestRates',
    'setInterestRate',
    'disputes',
    'resolveDispute',
    'closeYear',
    'reopenYear',
    'yearCloses',
    'users',
    'auditTrail',
    'reference',
    'expire',
  ],
};

/** The examples a user of `facts.role` can run as they are now; those lacking a fact are left out. */
export function consoleExamples(facts: ConsoleFacts): ConsoleExample[] {
  const out: ConsoleExample[] = [];
  for (const key of BY_ROLE[facts.role]) {
    const { title, build } = EXAMPLES[key] as ExampleDefinition;
    const built = build(facts);
    if (built) out.push({ title, ...built });
  }
  return out;
}

/** Every example definition, built from `facts` whatever the role (for schema and cost checks). */
export function everyConsoleExample(facts: ConsoleFacts): ConsoleExample[] {
  return [
    ...PUBLIC_EXAMPLES,
    ...Object.values(EXAMPLES).flatMap((definition) => {
      const built = (definition as ExampleDefinition).build(facts);
      return built ? [{ title: definition.title, ...built }] : [];
    }),
  ];
}
