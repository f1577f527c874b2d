import { addDays, dec } from '@lib/common';
import type { ExampleDefinition } from './example-definition';
import { firstOfNextQuarter } from '../console-dates';

/** Agreements and their negotiation, amendments, participation and expiry. */
export const AGREEMENT_EXAMPLES = {
  agreements: {
    title: 'Agreements',
    build: () => ({
      query: `# Agreements with their latest terms and participating states. Coordinators and auditors see
# every agreement; a manufacturer its own; states the executed ones.
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
    }),
  },
  negotiation: {
    title: 'Negotiation history',
    build: (f) =>
      f.agreement && {
        query: `# Negotiation history of the ${f.agreement.productCode} agreement: every version and step, and the
# terms in force today.
query NegotiationHistory($id: ID!, $on: Date!) {
  agreement(id: $id) {
    status
    versions { edges { node { versionNumber amendmentNumber amendmentEffectiveFrom status proposedBySide proposedByLabel createdAt } } }
    negotiationSteps(first: 50) { edges { node { action side actorLabel comment occurredAt } } }
    termsInForce(on: $on) { versionNumber amendmentNumber }
  }
}`,
        variables: { id: f.agreement.id, on: f.today },
      },
  },
  compare: {
    title: 'Compare versions',
    build: (f) =>
      f.agreement && f.agreement.latestVersion > 1
        ? {
            query: `# Compare two versions of the ${f.agreement.productCode} agreement, term by term.
query CompareVersions($id: ID!, $from: Int!, $to: Int!) {
  compareAgreementVersions(agreementId: $id, fromVersion: $from, toVersion: $to) {
    differences { path change before after }
  }
}`,
            variables: { id: f.agreement.id, from: f.agreement.latestVersion - 1, to: f.agreement.latestVersion },
          }
        : null,
  },
  draft: {
    title: 'Draft an agreement',
    build: (f) => {
      if (!f.draftProduct) return null;
      const start = f.draftProduct.enrollmentStart;
      return {
        query: `# Draft an agreement for ${f.draftProduct.code}, enrolling from ${start} (coordinators). Decimals are strings;
# every violation comes back at once, by path. The manufacturer then counters or accepts.
mutation DraftAgreement($input: DraftAgreementInput!) {
  draftAgreement(input: $input) { id status latestVersion { versionNumber } }
}`,
        variables: {
          input: {
            productId: f.draftProduct.id,
            comment: 'CMS opening key terms',
            terms: {
              enrollmentStart: start,
              enrollmentEnd: `${Number(start.slice(0, 4)) + 5}-12-31`,
              supplementalCapPct: '0.75',
              schedule: [{ effectiveFrom: start, wac: '2800000.00', guaranteedRebatePct: '0.10' }],
              benchmarks: [
                {
                  code: 'EVENT12',
                  measure: 'REPORTED_EVENT',
                  washoutDays: 30,
                  diagnosisPrefixes: [],
                  tiers: [
                    { throughMonth: 12, rebatePct: '0.50' },
                    { throughMonth: 24, rebatePct: '0.30' },
                  ],
                },
              ],
              volumeTiers: [{ minTreatments: 100, additionalRebatePct: '0.02' }],
            },
          },
        },
      };
    },
  },
  proposeAmendment: {
    title: 'Propose an amendment',
    build: (f) => {
      if (!f.amendable) return null;
      const { effectiveFrom } = f.amendable;
      const terms = f.amendable.terms;
      const current = terms.schedule.at(-1);
      if (!current || effectiveFrom > terms.enrollmentEnd) return null;
      const schedule = [
        ...terms.schedule.slice(0, -1),
        { ...current, effectiveTo: addDays(effectiveFrom, -1) },
        {
          effectiveFrom,
          effectiveTo: null,
          wac: current.wac,
          guaranteedRebatePct: dec(current.guaranteedRebatePct).plus('0.02').toFixed(),
        },
      ];
      return {
        query: `# Propose an amendment of the executed ${f.amendable.productCode} agreement: the guaranteed rebate
# rises by two points from ${effectiveFrom}. It takes effect once both sides accept it; the
# participating states are then reconciled again from that date.
mutation ProposeAmendment($input: ProposeAmendmentInput!) {
  proposeAgreementAmendment(input: $input) {
    id status
    versions { edges { node { versionNumber amendmentNumber amendmentEffectiveFrom status } } }
  }
}`,
        variables: {
          input: {
            agreementId: f.amendable.id,
            effectiveFrom,
            comment: 'Guaranteed rebate +2 points',
            terms: { ...terms, schedule },
          },
        },
      };
    },
  },
  acceptAmendment: {
    title: 'Accept the amendment',
    build: (f) =>
      f.openAmendment && {
        query: `# Accept the amendment of the ${f.openAmendment.productCode} agreement under negotiation (version
# ${f.openAmendment.versionNumber}). When both sides have accepted the same version it is executed.
mutation AcceptAmendment($input: AcceptAgreementVersionInput!) {
  acceptAgreementVersion(input: $input) {
    id status
    versions { edges { node { versionNumber amendmentNumber amendmentEffectiveFrom status } } }
  }
}`,
        variables: {
          input: {
            agreementId: f.openAmendment.agreementId,
            versionNumber: f.openAmendment.versionNumber,
            comment: 'Agreed',
          },
        },
      },
  },
  participations: {
    title: 'State participation',
    build: () => ({
      query: `# State participation: which states take part in which agreement, and when.
query StateParticipation {
  stateParticipations(first: 100) {
    totalCount
    edges { node { id stateCode effectiveFrom effectiveTo agreementId jurisdiction { name fipsCode } } }
  }
}`,
    }),
  },
  leave: {
    title: 'Leave an agreement',
    build: (f) => {
      if (!f.participation) return null;
      const effectiveTo = addDays(firstOfNextQuarter(addDays(firstOfNextQuarter(f.today), 1)), -1);
      return {
        query: `# ${f.participation.stateCode} leaves the ${f.participation.productCode} agreement at the end of next quarter
# (${effectiveTo}): administrations after that date earn no rebate; earlier ones keep theirs.
mutation LeaveAgreement($input: LeaveAgreementInput!) {
  leaveAgreement(input: $input) { id stateCode effectiveFrom effectiveTo }
}`,
        variables: {
          input: { participationId: f.participation.id, effectiveTo, comment: 'State budget decision' },
        },
      };
    },
  },
  expire: {
    title: 'Expire an agreement',
    build: (f) =>
      f.expirable && {
        query: `# Expire the ${f.expirable.productCode} agreement (coordinators). Irreversible: it no longer governs any
# date, an open amendment is withdrawn, and every participating state is reconciled again.
mutation ExpireAgreement($input: AgreementStepInput!) {
  expireAgreement(input: $input) { id status }
}`,
        variables: { input: { agreementId: f.expirable.id, comment: 'Superseded by a new agreement' } },
      },
  },
  closeYear: {
    title: 'Close a contract year',
    build: (f) =>
      f.closableYear && {
        query: `# Close contract year ${f.closableYear.year} of the ${f.closableYear.productCode} agreement (coordinators): the volume
# tier reached by all states' eligible episodes sets every episode's VOLUME rebate.
mutation CloseContractYear($input: CloseContractYearInput!) {
  closeContractYear(input: $input) {
    close { id contractYear eligibleEpisodes tierMinTreatments tierPct status closedOn
            stateTotals { stateCode volume total entries } }
    states { stateCode ledgerEntries ledgerSum }
  }
}`,
        variables: { input: { agreementId: f.closableYear.agreementId, year: f.closableYear.year } },
      },
  },
  reopenYear: {
    title: 'Reopen a contract year',
    build: (f) =>
      f.reopenableYear && {
        query: `# Reopen contract year ${f.reopenableYear.year} of the ${f.reopenableYear.productCode} agreement. The rate stays in force
# until the year is closed again; closing again appends only the differences.
mutation ReopenContractYear($input: ReopenContractYearInput!) {
  reopenContractYear(input: $input) { id status inForce reopenedAt reopenReason }
}`,
        variables: {
          input: { agreementId: f.reopenableYear.agreementId, year: f.reopenableYear.year, reason: 'Late claims' },
        },
      },
  },
  yearCloses: {
    title: 'Contract year closes',
    build: (f) =>
      f.agreement && {
        query: `# Contract year closes of the ${f.agreement.productCode} agreement, with each state's volume rebate.
query ContractYearCloses($agreementId: ID!) {
  contractYearCloses(agreementId: $agreementId) {
    id contractYear eligibleEpisodes tierMinTreatments tierPct status inForce closedOn closedBy
    reopenedAt reopenReason supersededBy
    stateTotals { stateCode volume total entries }
  }
}`,
        variables: { agreementId: f.agreement.id },
      },
  },
} satisfies Record<string, ExampleDefinition>;
