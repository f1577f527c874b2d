import { addDays } from '@lib/common';
import type { ExampleDefinition } from './example-definition';
import { consoleClaimFile } from './console-claim-file';

/** Claim files, exceptions, episodes, outcome observations and the ledger. */
export const CLAIM_EXAMPLES = {
  submissions: {
    title: 'Claim submissions',
    build: (f) => ({
      query: `# Claim submissions: each file's status in plain words and its counts.
query ClaimSubmissions($filter: ClaimSubmissionFilterInput) {
  claimSubmissions(first: 20, filter: $filter) {
    totalCount
    edges { node {
      id stateCode originalFileName fileType periodStart periodEnd receivedAt status statusLabel
      rejectionReason
      counts { records claimVersions cgtLines repeats skippedRecords problems episodesCreated ledgerEntries ledgerSum }
    } }
  }
}`,
      variables: { filter: f.stateCode ? { stateCode: f.stateCode } : {} },
    }),
  },
  submitClaimFile: {
    title: 'Submit a claim file',
    build: (f) => {
      if (!f.stateCode || !f.stateFips) return null;
      const content = consoleClaimFile(f.stateCode, f.stateFips, f.lastMonth, f.today);
      return {
        query: `# Submit a claim file for ${f.stateCode}: a one-claim CLAIMOT file for ${f.lastMonth.start.slice(0, 7)} (one Casgevy
# administration), base64. The worker validates, loads and reconciles it; follow it in "Claim
# submissions". Large files go to POST /v1/states/{usps}/claim-files (streamed).
mutation SubmitClaimFile($input: SubmitClaimFileInput!) {
  submitClaimFile(input: $input) { id status statusLabel duplicateOf receivedAt }
}`,
        variables: {
          input: {
            stateCode: f.stateCode,
            fileName: `${f.stateCode}-CLAIMOT-${f.lastMonth.start.slice(0, 7)}-console.txt`,
            contentBase64: Buffer.from(content).toString('base64'),
          },
        },
      };
    },
  },
  exceptions: {
    title: 'Reconciliation exceptions',
    build: (f) => ({
      query: `# Reconciliation exceptions still open: claims the rules could not use, with the reason.
query ReconciliationExceptions($filter: StateExceptionFilterInput) {
  exceptions(first: 20, filter: $filter) {
    totalCount
    edges { node { stateCode icnOrig code codeLabel reason status raisedAt } }
  }
}`,
      variables: { filter: { ...(f.stateCode ? { stateCode: f.stateCode } : {}), status: 'OPEN' } },
    }),
  },
  episodes: {
    title: 'Episodes',
    build: (f) => ({
      query: `# Treatment episodes with their outcome benchmarks and ledger entries.
query Episodes($filter: EpisodeFilterInput) {
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
      variables: { filter: f.stateCode ? { stateCode: f.stateCode } : {} },
    }),
  },
  reportOutcome: {
    title: 'Report an outcome',
    build: (f) => {
      if (!f.episode) return null;
      const eventDate = [addDays(f.episode.administrationDate, 60), f.today].sort()[0];
      return {
        query: `# Report an outcome event claims cannot show (a registry-confirmed event) for episode
# ${f.episode.episodeRef}; the state is reconciled at once and the outcome rebate accrues.
mutation ReportOutcome($input: ReportOutcomeObservationInput!) {
  reportOutcomeObservation(input: $input) { id episodeRef eventDate eventCode evidenceRef reportedAt }
}`,
        variables: {
          input: {
            episodeRef: f.episode.episodeRef,
            eventDate,
            eventCode: 'REGISTRY_CONFIRMED_EVENT',
            evidenceRef: 'SCD-REGISTRY-778',
          },
        },
      };
    },
  },
  withdrawOutcome: {
    title: 'Withdraw an outcome',
    build: (f) =>
      f.observation && {
        query: `# Withdraw the outcome observation of episode ${f.observation.episodeRef}; the state is reconciled
# again and what the event accrued is reversed.
mutation WithdrawOutcome($input: WithdrawOutcomeObservationInput!) {
  withdrawOutcomeObservation(input: $input) { id withdrawnAt withdrawReason }
}`,
        variables: { input: { observationId: f.observation.id, reason: 'Registry record corrected' } },
      },
  },
  observations: {
    title: 'Outcome observations',
    build: () => ({
      query: `# Outcome observations reported by states, withdrawn ones included.
query OutcomeObservations {
  outcomeObservations(first: 50, includeWithdrawn: true) {
    totalCount
    edges { node { id episodeRef stateCode eventDate eventCode evidenceRef reportedAt withdrawnAt withdrawReason } }
  }
}`,
    }),
  },
  ledger: {
    title: 'Ledger',
    build: (f) => ({
      query: `# Ledger entries (append-only): every accrual and its cause.
query Ledger($filter: LedgerEntryFilterInput) {
  ledgerEntries(first: 50, filter: $filter) {
    totalCount
    edges { node { episodeRef stateCode labelerCode component amount serviceQuarter statementQuarter causeType createdAt } }
  }
}`,
      variables: { filter: f.labelerCode ? { labelerCode: f.labelerCode } : {} },
    }),
  },
} satisfies Record<string, ExampleDefinition>;
