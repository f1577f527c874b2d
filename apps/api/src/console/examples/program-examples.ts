import type { ExampleDefinition } from './example-definition';

/** The program as a whole: dashboard, users, audit trail and reference data. */
export const PROGRAM_EXAMPLES = {
  dashboard: {
    title: 'Program dashboard',
    build: (f) => ({
      query: `# Program dashboard: treated and eligible episodes, outcome failures and accruals by state and
# product for this year's quarters (your own state or labeler codes unless you see everything).
query ProgramDashboard($filter: ProgramDashboardFilterInput) {
  programDashboard(filter: $filter) {
    stateCode productCode labelerCode treatedEpisodes eligibleEpisodes
    outcomeFailures { benchmarkCode episodes }
    accrued { component amount }
    accruedTotal disputesOpen
  }
}`,
      variables: { filter: { fromQuarter: `${f.today.slice(0, 4)}Q1`, toQuarter: `${f.today.slice(0, 4)}Q4` } },
    }),
  },
  users: {
    title: 'Users',
    build: () => ({
      query: `# Users: every account with its role and scope.
query Users {
  users(first: 50) {
    totalCount
    edges { node { email role stateCode manufacturerId active lastLoginAt } }
  }
}`,
    }),
  },
  auditTrail: {
    title: 'Audit trail',
    build: () => ({
      query: `# Audit trail: every state change, newest first, with who made it.
query AuditTrail($filter: AuditFilterInput) {
  auditEvents(first: 20, filter: $filter) {
    edges { node { occurredAt actorLabel action entityType entityId comment } }
    pageInfo { hasNextPage endCursor }
  }
}`,
      variables: { filter: {} },
    }),
  },
  reference: {
    title: 'Reference data',
    build: () => ({
      query: `# Reference data: participating jurisdictions, manufacturers and products with their codes.
query ReferenceData {
  jurisdictions(first: 100, participantsOnly: true) { totalCount edges { node { uspsCode fipsCode name cgtStartDateKnown } } }
  manufacturers { edges { node { id legalName labelerCodes names { edges { node { legalName effectiveFrom effectiveTo } } } } } }
  products { edges { node { id code brandName genericName ndcs { edges { node { ndc11 ndcAsLabeled packageLevel } } } hcpcsCodes { edges { node { hcpcsCode effectiveFrom effectiveTo } } } } } }
}`,
    }),
  },
} satisfies Record<string, ExampleDefinition>;
