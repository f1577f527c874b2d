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
    query: `# For integrations: a bearer token to send as "Authorization: Bearer <token>".
# The console's sign-in bar signs you in with the session cookie instead.
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
  {
    title: 'Agreements',
    query: `# Coordinators and auditors see every agreement; a manufacturer its own; states executed ones.
query Agreements {
  agreements(first: 20) {
    totalCount
    edges { node {
      id status executedAt
      product { code brandName manufacturer { legalName labelerCodes } }
      latestVersion { versionNumber status terms {
        enrollmentStart enrollmentEnd supplementalCapPct
        schedule { effectiveFrom effectiveTo wac guaranteedRebatePct }
        benchmarks { code measure washoutDays diagnosisPrefixes tiers { throughMonth rebatePct } }
        volumeTiers { minTreatments additionalRebatePct }
      } }
      participations(first: 100) { totalCount edges { node { stateCode effectiveFrom effectiveTo } } }
    } }
  }
}`,
  },
  {
    title: 'Negotiation history',
    query: `query Negotiation($id: ID!) {
  agreement(id: $id) {
    status
    versions { edges { node { versionNumber amendmentNumber amendmentEffectiveFrom status proposedBySide proposedByLabel createdAt } } }
    negotiationSteps(first: 50) { edges { node { action side actorLabel comment occurredAt } } }
    termsInForce(on: "2026-03-10") { versionNumber amendmentNumber }
  }
}`,
    variables: { id: '<agreement id from the Agreements tab>' },
  },
  {
    title: 'Compare versions',
    query: `query Compare($id: ID!) {
  compareAgreementVersions(agreementId: $id, fromVersion: 1, toVersion: 2) {
    differences { path change before after }
  }
}`,
    variables: { id: '<agreement id from the Agreements tab>' },
  },
  {
    title: 'Draft an agreement',
    query: `# Coordinators only. Decimals are strings; every violation comes back at once, by path.
mutation Draft($input: DraftAgreementInput!) {
  draftAgreement(input: $input) { id status latestVersion { versionNumber } }
}`,
    variables: {
      input: {
        productId: '<product id from the Products tab>',
        comment: 'CMS opening key terms',
        terms: {
          enrollmentStart: '2025-01-01',
          enrollmentEnd: '2030-12-31',
          supplementalCapPct: '0.75',
          schedule: [{ effectiveFrom: '2025-01-01', wac: '2200000.00', guaranteedRebatePct: '0.10' }],
          benchmarks: [
            {
              code: 'VOE12',
              measure: 'VOE_HOSPITALIZATION',
              washoutDays: 30,
              diagnosisPrefixes: ['D570', 'D5721', 'D5741', 'D5743', 'D5745', 'D5781'],
              tiers: [
                { throughMonth: 12, rebatePct: '0.50' },
                { throughMonth: 24, rebatePct: '0.30' },
                { throughMonth: 36, rebatePct: '0.15' },
              ],
            },
          ],
          volumeTiers: [{ minTreatments: 100, additionalRebatePct: '0.02' }],
        },
      },
    },
  },
  {
    title: 'Counter-offer',
    query: `# Either side proposes a complete new version of the terms under negotiation.
mutation Counter($input: ProposeAgreementVersionInput!) {
  proposeAgreementVersion(input: $input) { id latestVersion { versionNumber proposedBySide } }
}`,
    variables: {
      input: {
        agreementId: '<agreement id>',
        comment: 'Lower guarantee',
        terms: {
          enrollmentStart: '2025-01-01',
          enrollmentEnd: '2030-12-31',
          supplementalCapPct: '0.75',
          schedule: [{ effectiveFrom: '2025-01-01', wac: '2200000.00', guaranteedRebatePct: '0.08' }],
          benchmarks: [],
          volumeTiers: [],
        },
      },
    },
  },
  {
    title: 'Accept a version',
    query: `# When the coordinator and the manufacturer have both accepted the same version, it is executed.
mutation Accept($input: AcceptAgreementVersionInput!) {
  acceptAgreementVersion(input: $input) { id status }
}`,
    variables: { input: { agreementId: '<agreement id>', versionNumber: 2, comment: 'Agreed' } },
  },
  {
    title: 'Opt a state in',
    query: `# State staff opt their own state into an executed agreement (coordinators may record it for any state).
mutation Join($input: JoinAgreementInput!) {
  joinAgreement(input: $input) { id stateCode effectiveFrom effectiveTo }
}`,
    variables: { input: { agreementId: '<executed agreement id>', stateCode: 'NY', effectiveFrom: '2026-01-01' } },
  },
  {
    title: 'State participation',
    query: `query Participation {
  stateParticipations(first: 100) {
    totalCount
    edges { node { stateCode effectiveFrom effectiveTo agreementId jurisdiction { name fipsCode } } }
  }
}`,
  },
  {
    title: 'Reference data',
    query: `query Reference {
  jurisdictions(first: 100, participantsOnly: true) { totalCount edges { node { uspsCode fipsCode name cgtStartDateKnown } } }
  manufacturers { edges { node { id legalName labelerCodes names { edges { node { legalName effectiveFrom effectiveTo } } } } } }
  products { edges { node { id code brandName genericName ndcs { edges { node { ndc11 ndcAsLabeled packageLevel } } } hcpcsCodes { edges { node { hcpcsCode effectiveFrom effectiveTo } } } } } }
}`,
  },
  {
    title: 'Episodes',
    query: `query Episodes($filter: EpisodeFilterInput) {
  episodes(first: 20, filter: $filter) {
    totalCount
    edges {
      node {
        episodeRef beneficiaryId stateCode administrationDate ndc11 paid status ineligibleCode ineligibleReason warnings
        benchmarks { code status windowEnd event { source eventDate icn code months tierThroughMonth amount observation { evidenceRef } } }
        ledgerEntries { component amount serviceQuarter statementQuarter }
      }
    }
  }
}`,
    variables: { filter: { stateCode: 'NY' } },
  },
  {
    title: 'Ledger',
    query: `query Ledger($filter: LedgerEntryFilterInput) {
  ledgerEntries(first: 50, filter: $filter) {
    totalCount
    edges { node { episodeRef stateCode labelerCode component amount serviceQuarter statementQuarter causeType createdAt } }
  }
}`,
    variables: { filter: { labelerCode: '51167' } },
  },
  {
    title: 'Report an outcome',
    query: `# A state reports an event claims cannot show; the state is reconciled at once.
mutation Report($input: ReportOutcomeObservationInput!) {
  reportOutcomeObservation(input: $input) { id episodeRef eventDate eventCode evidenceRef reportedAt }
}`,
    variables: {
      input: {
        episodeRef: 'EP-0000-0000-0000-0001',
        eventDate: '2026-05-20',
        eventCode: 'REGISTRY_CONFIRMED_EVENT',
        evidenceRef: 'NY-SCD-REGISTRY-778',
      },
    },
  },
  {
    title: 'Withdraw an outcome',
    query: `mutation Withdraw($input: WithdrawOutcomeObservationInput!) {
  withdrawOutcomeObservation(input: $input) { id withdrawnAt withdrawReason }
}`,
    variables: {
      input: { observationId: '00000000-0000-0000-0000-000000000000', reason: 'Registry record corrected' },
    },
  },
  {
    title: 'Outcome observations',
    query: `query Observations {
  outcomeObservations(first: 50, includeWithdrawn: true) {
    totalCount
    edges { node { episodeRef stateCode eventDate eventCode evidenceRef reportedAt withdrawnAt withdrawReason } }
  }
}`,
  },
  {
    title: 'Program dashboard',
    query: `query Dashboard($filter: ProgramDashboardFilterInput) {
  programDashboard(filter: $filter) {
    stateCode productCode labelerCode treatedEpisodes eligibleEpisodes
    outcomeFailures { benchmarkCode episodes }
    accrued { component amount }
    accruedTotal disputesOpen
  }
}`,
    variables: { filter: { fromQuarter: '2026Q1', toQuarter: '2026Q4' } },
  },
  {
    title: 'Dispute a line',
    query: `# Manufacturer: dispute a line (ledger entry id) of an issued statement with an MDRP code (see disputeCodes).
# Omit ledgerEntryId to dispute the whole statement. Documents are base64, at most 5 MB each.
mutation OpenDispute($input: OpenDisputeInput!) {
  openDispute(input: $input) {
    id statementNumber scope ledgerEntryId code codeLabel disputedAmount openedOn dueOn status
    documents { id fileName sizeBytes sha256 downloadPath }
  }
}`,
    variables: {
      input: {
        statementId: '00000000-0000-0000-0000-000000000000',
        ledgerEntryId: '1',
        code: 'U',
        note: 'The beneficiary was not enrolled on the administration date',
        documents: [{ fileName: 'letter.txt', contentType: 'text/plain', contentBase64: 'Tm90IGVucm9sbGVkLg==' }],
      },
    },
  },
  {
    title: 'Resolve a dispute',
    query: `# State or coordinator: UPHELD (agreedAmount: what the line should have been, default 0) appends the
# correction at once on the next open statement; DENIED keeps the amount owed.
mutation ResolveDispute($input: ResolveDisputeInput!) {
  resolveDispute(input: $input) {
    id status resolution { outcome resolvedOn agreedAmount note }
  }
}`,
    variables: {
      input: {
        disputeId: '00000000-0000-0000-0000-000000000000',
        outcome: 'UPHELD',
        agreedAmount: '0',
        note: 'Agreed',
      },
    },
  },
  {
    title: 'Disputes',
    query: `query Disputes($filter: DisputeFilterInput) {
  disputeCodes { code label }
  disputes(first: 50, filter: $filter) {
    totalCount
    edges {
      node {
        id statementNumber stateCode labelerCode scope ledgerEntryId code disputedAmount openedOn dueOn ageDays overdue status
        resolution { outcome resolvedOn agreedAmount }
        documents { fileName contentType sizeBytes downloadPath }
      }
    }
  }
}`,
    variables: { filter: { status: 'OPEN' } },
  },
  {
    title: 'Statements',
    query: `# Manufacturers see their own labeler codes in every state; states their own; coordinators all.
query Statements($filter: StatementFilterInput) {
  statements(first: 20, filter: $filter) {
    totalCount
    edges {
      node {
        id number stateCode labelerCode quarter status issuedOn dueOn issuedTotal
        totals { total currentPeriod priorPeriod byComponent { component amount } byCause { cause amount } }
        balances { paid disputed outstanding outstandingUndisputed interestOwed }
      }
    }
  }
}`,
    variables: { filter: { quarter: '2026Q1', stateCode: 'NY' } },
  },
  {
    title: 'Statement lines',
    query: `query Statement($number: String!) {
  statementByNumber(number: $number) {
    number status issuedOn dueOn
    lines { lineId episodeRef product ndc11 administrationDate component serviceQuarter priorPeriodAdjustment cause amount }
    payments { receivedOn reference amount }
    balances(asOf: "2026-06-30") { total paid outstanding interestStartsOn interestOwed }
  }
}`,
    variables: { number: 'CGT-NY-51167-2026Q1' },
  },
  {
    title: 'Issue a quarter',
    query: `# Coordinators: freezes every DRAFT of an ended quarter; later entries land on the next statement.
mutation Issue($input: IssueStatementsInput!) {
  issueStatements(input: $input) { number status issuedOn dueOn issuedTotal issuedLineCount }
}`,
    variables: { input: { quarter: '2026Q1' } },
  },
  {
    title: 'Record a payment',
    query: `mutation Pay($input: RecordStatementPaymentInput!) {
  recordStatementPayment(input: $input) { number status balances { paid outstanding interestOwed } }
}`,
    variables: {
      input: { statementId: '<statement id>', amount: '100000.00', receivedOn: '2026-05-01', reference: 'WIRE-0001' },
    },
  },
  {
    title: 'Interest rates',
    query: `query Rates { interestRates { effectiveFrom effectiveTo annualRate note } }`,
  },
  {
    title: 'Set an interest rate',
    query: `mutation Rate($input: SetInterestRateInput!) {
  setInterestRate(input: $input) { effectiveFrom effectiveTo annualRate }
}`,
    variables: { input: { effectiveFrom: '2026-07-01', annualRate: '0.05', note: 'Published rate' } },
  },
  {
    title: 'Statement summary',
    query: `query Summary($filter: StatementFilterInput) {
  statementSummary(filter: $filter) {
    asOf total outstanding interestOwed
    amounts { quarter stateCode product component amount lineCount }
    balances { quarter stateCode statements issued billed paid disputed outstanding interestOwed }
  }
}`,
    variables: { filter: { quarter: '2026Q1' } },
  },
  {
    title: 'Close a contract year',
    query: `# Coordinators: the volume tier reached by all states' eligible episodes sets every episode's VOLUME.
mutation CloseContractYear($input: CloseContractYearInput!) {
  closeContractYear(input: $input) {
    close { id contractYear eligibleEpisodes tierMinTreatments tierPct status closedOn
            stateTotals { stateCode volume total entries } }
    states { stateCode ledgerEntries ledgerSum }
  }
}`,
    variables: { input: { agreementId: '00000000-0000-0000-0000-000000000000', year: 2026 } },
  },
  {
    title: 'Reopen a contract year',
    query: `# The rate stays in force until the year is closed again; closing again appends only the differences.
mutation ReopenContractYear($input: ReopenContractYearInput!) {
  reopenContractYear(input: $input) { id status inForce reopenedAt reopenReason }
}`,
    variables: {
      input: { agreementId: '00000000-0000-0000-0000-000000000000', year: 2026, reason: 'Late claims from Texas' },
    },
  },
  {
    title: 'Contract year closes',
    query: `query ContractYearCloses($agreementId: ID!) {
  contractYearCloses(agreementId: $agreementId) {
    id contractYear eligibleEpisodes tierMinTreatments tierPct status inForce closedOn closedBy
    reopenedAt reopenReason supersededBy
    stateTotals { stateCode volume total entries }
  }
}`,
    variables: { agreementId: '00000000-0000-0000-0000-000000000000' },
  },
];
