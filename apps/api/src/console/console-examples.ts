/**
 * Ready example operations shown as tabs in the console. Each issue adds its main operations
 * here so coordinators can start from a working query.
 */
export interface ConsoleExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const CONSOLE_EXAMPLES: ConsoleExample[] = [
  {
    title: 'Sign in',
    query: `# Sign in, then use the token: the console's sign-in bar does this for you.
mutation SignIn($input: LoginInput!) {
  signIn(input: $input) {
    token
    expiresAt
    user { email role stateCode manufacturerId }
  }
}`,
    variables: { input: { email: 'coordinator@cms.example.gov', password: 'demo-password-1' } },
  },
  {
    title: 'Who am I',
    query: `query Me {
  me { id email displayName role stateCode manufacturerId active }
}`,
  },
  {
    title: 'Users',
    query: `query Users {
  users(first: 50) {
    totalCount
    edges { node { email role stateCode manufacturerId active lastLoginAt } }
  }
}`,
  },
  {
    title: 'Audit trail',
    query: `query AuditTrail($filter: AuditFilterInput) {
  auditEvents(first: 20, filter: $filter) {
    edges { node { occurredAt actorLabel action entityType entityId comment } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { filter: {} },
  },
];
