import { graphql } from '../../api/graphql';

export const StatementQuery = graphql(`
  query PortalStatement($number: String!) {
    statementByNumber(number: $number) {
      id
      number
      stateCode
      labelerCode
      quarter
      status
      issuedOn
      dueOn
      acknowledgedAt
      issuedTotal
      issuedLineCount
      lines {
        lineId
        lineNumber
        episodeRef
        product
        ndc11
        administrationDate
        component
        componentLabel
        serviceQuarter
        priorPeriodAdjustment
        cause
        causeLabel
        amount
      }
      totals {
        total
        currentPeriod
        priorPeriod
        lineCount
        byComponent {
          component
          label
          amount
        }
        byCause {
          cause
          label
          amount
        }
      }
      balances {
        asOf
        total
        paid
        disputed
        upheld
        outstanding
        outstandingUndisputed
        interestStartsOn
        interestOwed
        interestProblem
      }
      payments {
        id
        amount
        receivedOn
        reference
        recordedAt
      }
    }
  }
`);

export const StatementDisputesQuery = graphql(`
  query PortalStatementDisputes($statementId: ID!) {
    disputes(first: 100, filter: { statementId: $statementId }) {
      edges {
        node {
          id
          scope
          ledgerEntryId
          codeLabel
          status
          disputedAmount
          openedOn
          ageDays
        }
      }
    }
  }
`);

export const DisputeCodesQuery = graphql(`
  query PortalDisputeCodes {
    disputeCodes {
      code
      label
      description
    }
  }
`);

export const AcknowledgeMutation = graphql(`
  mutation PortalAcknowledge($id: ID!) {
    acknowledgeStatement(id: $id) {
      id
      status
    }
  }
`);

export const RecordPaymentMutation = graphql(`
  mutation PortalRecordPayment($input: RecordStatementPaymentInput!) {
    recordStatementPayment(input: $input) {
      id
      status
    }
  }
`);
