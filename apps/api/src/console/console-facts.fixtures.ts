import { Role } from '@lib/common';
import type { ConsoleFacts } from './console-facts';

/** Facts with every entry present, to build every example (schema, cost and rule tests). */
export function sampleConsoleFacts(role: Role = Role.FEDERAL_COORDINATOR): ConsoleFacts {
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    role,
    today: '2026-12-05',
    stateCode: 'NY',
    stateFips: '36',
    labelerCode: '51167',
    agreement: { id: uuid(1), productCode: 'CASGEVY', latestVersion: 3 },
    amendable: {
      id: uuid(2),
      productCode: 'LYFGENIA',
      effectiveFrom: '2027-01-01',
      terms: {
        enrollmentStart: '2025-01-01',
        enrollmentEnd: '2030-12-31',
        supplementalCapPct: '0.75',
        schedule: [{ effectiveFrom: '2025-01-01', effectiveTo: null, wac: '3100000.00', guaranteedRebatePct: '0.1' }],
        benchmarks: [
          {
            code: 'VOE12',
            measure: 'VOE_HOSPITALIZATION',
            washoutDays: 30,
            diagnosisPrefixes: ['D570'],
            tiers: [{ throughMonth: 12, rebatePct: '0.5' }],
          },
        ],
        volumeTiers: [{ minTreatments: 100, additionalRebatePct: '0.02' }],
      },
    },
    openAmendment: { agreementId: uuid(1), productCode: 'CASGEVY', versionNumber: 3 },
    draftProduct: { id: uuid(3), code: 'CASGEVY', enrollmentStart: '2031-01-01' },
    expirable: { id: uuid(2), productCode: 'LYFGENIA' },
    participation: { id: uuid(4), stateCode: 'NY', productCode: 'LYFGENIA', effectiveFrom: '2026-01-01' },
    closableYear: { agreementId: uuid(1), productCode: 'CASGEVY', year: 2025 },
    reopenableYear: { agreementId: uuid(1), productCode: 'CASGEVY', year: 2024 },
    episode: { episodeRef: 'EP-ABCD-EFGH-JKMN-PQRS', administrationDate: '2026-11-20' },
    observation: { id: uuid(5), episodeRef: 'EP-ABCD-EFGH-JKMN-PQRT' },
    statement: { id: uuid(6), number: 'CGT-NY-51167-2026Q1' },
    acknowledgeable: { id: uuid(7), number: 'CGT-TX-51167-2026Q2' },
    disputableLine: { statementId: uuid(6), number: 'CGT-NY-51167-2026Q1', lineNumber: 2 },
    openDispute: { id: uuid(8), statementNumber: 'CGT-CA-51167-2026Q2' },
    payable: {
      id: uuid(6),
      number: 'CGT-NY-51167-2026Q1',
      amount: '55000.00',
      reference: 'WIRE-20261205-NY-51167-2026Q1-1',
    },
    issuableQuarter: '2026Q3',
    nextRateDate: '2027-01-01',
    lastMonth: { start: '2026-11-01', end: '2026-11-30' },
  };
}
