import { graphql } from '../../api/graphql';

export const SubmissionFields = graphql(`
  fragment SubmissionFields on ClaimSubmission {
    id
    stateCode
    originalFileName
    fileType
    byteSize
    status
    receivedAt
    finishedAt
    periodStart
    periodEnd
    rejectionReason
    lastFailureReason
    totalRecordCount
    progress {
      bytesRead
      totalBytes
      recordsRead
      recordsTotal
    }
    counts {
      records
      claimHeaders
      cgtLines
      denied
      voids
      replacements
      problems
      episodesCreated
      episodesChanged
      ledgerEntries
      ledgerSum
      exceptionsByCode {
        code
        count
      }
    }
  }
`);

export const SubmissionQuery = graphql(
  `
    query PortalSubmission($id: ID!) {
      claimSubmission(id: $id) {
        ...SubmissionFields
      }
    }
  `,
  [SubmissionFields],
);
