import type { ExampleDefinition } from './example-definition';

/** Statements, their lines, acknowledgement, disputes, payments and interest. */
export const STATEMENT_EXAMPLES = {
  statements: {
    title: 'Statements',
    build: () => ({
      query: `# Rebate statements with totals and balances. Manufacturers see their own labeler codes in every
# state; states their own; coordinators and auditors all.
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
      variables: { filter: {} },
    }),
  },
  statementLines: {
    title: 'Statement lines',
    build: (f) =>
      f.statement && {
        query: `# Statement ${f.statement.number}: numbered lines (the number a dispute refers to), payments and
# the balance with interest as of today.
query StatementLines($number: String!, $asOf: Date!) {
  statementByNumber(number: $number) {
    number status issuedOn dueOn
    lines { lineNumber lineId episodeRef product ndc11 administrationDate component serviceQuarter priorPeriodAdjustment cause amount }
    payments { receivedOn reference amount }
    balances(asOf: $asOf) { total paid outstanding interestStartsOn interestOwed }
  }
}`,
        variables: { number: f.statement.number, asOf: f.today },
      },
  },
  acknowledge: {
    title: 'Acknowledge a statement',
    build: (f) =>
      f.acknowledgeable && {
        query: `# Acknowledge statement ${f.acknowledgeable.number}: the manufacturer confirms it has received it.
mutation AcknowledgeStatement($id: ID!) {
  acknowledgeStatement(id: $id) { number status }
}`,
        variables: { id: f.acknowledgeable.id },
      },
  },
  openDispute: {
    title: 'Dispute a line',
    build: (f) =>
      f.disputableLine && {
        query: `# Dispute line ${f.disputableLine.lineNumber} of ${f.disputableLine.number} with an MDRP code (see disputeCodes).
# Omit lineNumber to dispute the whole statement. Documents are base64, at most 5 MB each.
mutation OpenDispute($input: OpenDisputeInput!) {
  openDispute(input: $input) {
    id statementNumber scope ledgerEntryId code codeLabel disputedAmount openedOn dueOn status
    documents { id fileName sizeBytes sha256 downloadPath }
  }
}`,
        variables: {
          input: {
            statementId: f.disputableLine.statementId,
            lineNumber: f.disputableLine.lineNumber,
            code: 'U',
            note: 'The beneficiary was not enrolled on the administration date',
            documents: [{ fileName: 'letter.txt', contentType: 'text/plain', contentBase64: 'Tm90IGVucm9sbGVkLg==' }],
          },
        },
      },
  },
  resolveDispute: {
    title: 'Resolve a dispute',
    build: (f) =>
      f.openDispute && {
        query: `# Resolve the open dispute on ${f.openDispute.statementNumber}. DENIED keeps the amount owed; UPHELD
# (agreedAmount: what the line should have been, default 0) appends the correction at once on
# the next open statement.
mutation ResolveDispute($input: ResolveDisputeInput!) {
  resolveDispute(input: $input) {
    id status resolution { outcome resolvedOn agreedAmount note }
  }
}`,
        variables: {
          input: { disputeId: f.openDispute.id, outcome: 'DENIED', note: 'Claims history shows one administration' },
        },
      },
  },
  disputes: {
    title: 'Disputes',
    build: () => ({
      query: `# Disputes with their age, due date and documents, and the MDRP dispute codes.
query Disputes($filter: DisputeFilterInput) {
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
      variables: { filter: {} },
    }),
  },
  issueQuarter: {
    title: 'Issue a quarter',
    build: (f) =>
      f.issuableQuarter === null
        ? null
        : {
            query: `# Issue ${f.issuableQuarter} (coordinators): freezes every draft statement of the ended quarter; later
# entries land on the next statement.
mutation IssueQuarter($input: IssueStatementsInput!) {
  issueStatements(input: $input) { number status issuedOn dueOn issuedTotal issuedLineCount }
}`,
            variables: { input: { quarter: f.issuableQuarter } },
          },
  },
  recordPayment: {
    title: 'Record a payment',
    build: (f) =>
      f.payable && {
        query: `# Record a payment of ${f.payable.amount} received today on ${f.payable.number} (reference ${f.payable.reference}).
mutation RecordPayment($input: RecordStatementPaymentInput!) {
  recordStatementPayment(input: $input) { number status balances { paid outstanding interestOwed } }
}`,
        variables: {
          input: {
            statementId: f.payable.id,
            amount: f.payable.amount,
            receivedOn: f.today,
            reference: f.payable.reference,
          },
        },
      },
  },
  interestRates: {
    title: 'Interest rates',
    build: () => ({
      query: `# Interest rates on overdue balances, by period.
query InterestRates { interestRates { effectiveFrom effectiveTo annualRate note } }`,
    }),
  },
  setInterestRate: {
    title: 'Set an interest rate',
    build: (f) =>
      f.nextRateDate === null
        ? null
        : {
            query: `# Set the interest rate from ${f.nextRateDate} (coordinators); the rate before it ends the day before.
mutation SetInterestRate($input: SetInterestRateInput!) {
  setInterestRate(input: $input) { effectiveFrom effectiveTo annualRate }
}`,
            variables: { input: { effectiveFrom: f.nextRateDate, annualRate: '0.05', note: 'Published rate' } },
          },
  },
  summary: {
    title: 'Statement summary',
    build: () => ({
      query: `# Statement summary: amounts by quarter, state, product and component, and balances.
query StatementSummary($filter: StatementFilterInput) {
  statementSummary(filter: $filter) {
    asOf total outstanding interestOwed
    amounts { quarter stateCode product component amount lineCount }
    balances { quarter stateCode statements issued billed paid disputed outstanding interestOwed }
  }
}`,
      variables: { filter: {} },
    }),
  },
} satisfies Record<string, ExampleDefinition>;
