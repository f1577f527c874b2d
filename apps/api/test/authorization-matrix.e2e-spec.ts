import { casgevyTerms, NegotiationService, ParticipationService } from '@lib/agreements';
import { Role, systemActor, type Actor } from '@lib/common';
import { Readable } from 'node:stream';
import { ClaimSubmissionsService } from '@lib/claims';
import { ContractYearCloseService } from '@lib/reconciliation';
import { ManufacturersService, ProductsService } from '@lib/reference';
import { SimulationsService } from '@lib/simulator';
import { DisputesService } from '@lib/statements';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  graphql,
  insertUser,
  issueStatementForTest,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

/**
 * The authorization matrix: every query and mutation of the schema has a row, and
 * each row runs as every kind of caller against its own and a foreign tenant. A new operation
 * without a row fails the first test. To add one, append a plain object to ROWS.
 *
 * Tenants: the fixtures belong to New York (own state) and Vertex (own manufacturer); Texas
 * and Genetix are the foreign ones.
 */
type Caller =
  'COORDINATOR' | 'AUDITOR' | 'STATE_OWN' | 'STATE_FOREIGN' | 'MANUFACTURER_OWN' | 'MANUFACTURER_FOREIGN' | 'ANONYMOUS';
const CALLERS: Caller[] = [
  'COORDINATOR',
  'AUDITOR',
  'STATE_OWN',
  'STATE_FOREIGN',
  'MANUFACTURER_OWN',
  'MANUFACTURER_FOREIGN',
  'ANONYMOUS',
];

/** allow: answers with data; deny: FORBIDDEN, UNAUTHENTICATED or NOT_FOUND; hidden: answers, without the fixture. */
type Cell = 'allow' | 'deny' | 'hidden';
type Expectation = Record<Caller, Cell>;

interface Fixtures {
  unique(): number;
  /** A Casgevy (Vertex) agreement under negotiation. */
  draft(): Promise<string>;
  /** A Casgevy (Vertex) agreement, executed. */
  executed(): Promise<string>;
  /** New York's participation in a fresh executed agreement. */
  participation(): Promise<{ agreementId: string; participationId: string }>;
  productId(code: string): Promise<string>;
  vertexId: string;
  user(): Promise<string>;
  manufacturer(): Promise<string>;
  hcpcs(): Promise<string>;
  /** A New York Casgevy (Vertex) episode with one ledger entry (on 2026Q1 unless told); returns its reference. */
  episode(statementQuarter?: string): Promise<string>;
  /** A line of a New York Vertex statement of its own quarter, issued (test fixture). */
  issuedLine(): Promise<{ statementId: string; ledgerEntryId: string }>;
  /** An open dispute (opened by Vertex) of such a line. */
  openDispute(): Promise<string>;
  /** A reported outcome observation on a fresh New York episode; returns its id. */
  observation(): Promise<string>;
  /** A claim file received for New York (waiting for a worker); returns the submission id. */
  submission(): Promise<string>;
  /** A reconciliation exception of a New York submission; returns its (unique) ICN-ORIG. */
  exception(): Promise<string>;
  /** A small, new New York claim file, base64. */
  claimFileBase64(): string;
  /** A New York Vertex (51167) statement of a past quarter of its own, with one line; DRAFT or ISSUED. */
  statement(status?: 'DRAFT' | 'ISSUED'): Promise<{ id: string; number: string; quarter: string }>;
  /** A fresh executed agreement whose contract year 2025 is closed; returns the agreement id. */
  closedYear(): Promise<string>;
  /**
   * A New York Vertex episode carrying every sensitive field (beneficiary id, ICN, paid amount,
   * ineligibility reason, a benchmark failed by an inpatient claim with its diagnosis) and a
   * withdrawn observation with the state's evidence text, note and reason; created once.
   */
  sensitiveEpisode(): Promise<{ ref: string; observationId: string }>;
  /** A term-sheet simulation run by New York staff of the executed terms for New York (queued). */
  simulation(): Promise<string>;
}

interface MatrixRow {
  operation: string;
  /** Distinguishes several rows of one operation. */
  case?: string;
  document: string;
  variables?: (fx: Fixtures) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** For rows with `hidden` cells: whether the answer shows the fixture. */
  reveals?: (data: Record<string, unknown>, variables: Record<string, unknown>) => boolean;
  expect: Expectation;
}

const only = (...allowed: Caller[]): Expectation =>
  Object.fromEntries(CALLERS.map((c) => [c, allowed.includes(c) ? 'allow' : 'deny'])) as Expectation;
const SIGNED_IN = only(
  'COORDINATOR',
  'AUDITOR',
  'STATE_OWN',
  'STATE_FOREIGN',
  'MANUFACTURER_OWN',
  'MANUFACTURER_FOREIGN',
);
const COORDINATOR_ONLY = only('COORDINATOR');
const READERS_OF_EVERYTHING = only('COORDINATOR', 'AUDITOR');
const NEGOTIATORS = only('COORDINATOR', 'MANUFACTURER_OWN');
const PARTIES = only('COORDINATOR', 'AUDITOR', 'MANUFACTURER_OWN');

const TERMS = {
  enrollmentStart: '2025-01-01',
  enrollmentEnd: '2030-12-31',
  supplementalCapPct: '0.75',
  schedule: [{ effectiveFrom: '2025-01-01', wac: '2200000.00', guaranteedRebatePct: '0.10' }],
  benchmarks: [],
  volumeTiers: [],
};
const edgesContain = (connection: unknown, id: unknown): boolean =>
  JSON.stringify((connection as { edges: unknown[] }).edges).includes(String(id));

const ROWS: MatrixRow[] = [
  // ---- auth and audit (foundation) ----
  {
    operation: 'signIn',
    document: `mutation($input: LoginInput!) { signIn(input: $input) { token } }`,
    variables: () => ({ input: { email: 'auditor@test.gov', password: 'test-password-123' } }),
    expect: only(...CALLERS),
  },
  { operation: 'me', document: `{ me { id } }`, expect: SIGNED_IN },
  { operation: 'users', document: `{ users { totalCount } }`, expect: READERS_OF_EVERYTHING },
  {
    operation: 'createUser',
    document: `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    variables: (fx) => ({
      input: { email: `new${fx.unique()}@test.gov`, displayName: 'N', role: 'AUDITOR', password: 'long-enough-pass' },
    }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'disableUser',
    document: `mutation($id: ID!) { disableUser(userId: $id) { id } }`,
    variables: async (fx) => ({ id: await fx.user() }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'enableUser',
    document: `mutation($id: ID!) { enableUser(userId: $id) { id } }`,
    variables: async (fx) => ({ id: await fx.user() }),
    expect: COORDINATOR_ONLY,
  },
  { operation: 'auditEvents', document: `{ auditEvents { totalCount } }`, expect: READERS_OF_EVERYTHING },

  // ---- reference data: public facts for every signed-in role, edits for coordinators ----
  { operation: 'jurisdictions', document: `{ jurisdictions(first: 100) { totalCount } }`, expect: SIGNED_IN },
  { operation: 'jurisdiction', document: `{ jurisdiction(code: "97") { uspsCode } }`, expect: SIGNED_IN },
  {
    operation: 'manufacturers',
    document: `{ manufacturers { edges { node { legalName labelerCodes } } } }`,
    expect: SIGNED_IN,
  },
  {
    operation: 'manufacturers',
    case: 'by labeler code',
    document: `{ manufacturers(filter: { labelerCode: "51167" }) { edges { node { id } } } }`,
    expect: SIGNED_IN,
  },
  {
    operation: 'products',
    document: `{ products { edges { node { code ndcs { edges { node { ndc11 } } } } } } }`,
    expect: SIGNED_IN,
  },
  {
    operation: 'updateJurisdiction',
    document: `mutation($input: UpdateJurisdictionInput!) { updateJurisdiction(input: $input) { name } }`,
    variables: () => ({ input: { uspsCode: 'NY', name: 'New York' } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'createManufacturer',
    document: `mutation($input: CreateManufacturerInput!) { createManufacturer(input: $input) { id } }`,
    variables: (fx) => ({
      input: { legalName: 'New Bio', effectiveFrom: '2020-01-01', labelerCode: String(80000 + fx.unique()) },
    }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'addManufacturerName',
    document: `mutation($input: AddManufacturerNameInput!) { addManufacturerName(input: $input) { legalName } }`,
    variables: async (fx) => ({
      input: { manufacturerId: await fx.manufacturer(), legalName: 'Renamed Bio', effectiveFrom: '2025-07-01' },
    }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'addLabelerCode',
    document: `mutation($input: AddLabelerCodeInput!) { addLabelerCode(input: $input) { id } }`,
    variables: (fx) => ({ input: { manufacturerId: fx.vertexId, code: String(81000 + fx.unique()) } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'createProduct',
    document: `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    variables: (fx) => ({
      input: {
        code: `NEW_${fx.unique()}`,
        brandName: 'New',
        genericName: 'new',
        labelerCode: '51167',
        billingUnit: 'UN',
        oneTreatmentPerLifetime: true,
      },
    }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'updateProduct',
    document: `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id } }`,
    variables: async (fx) => ({ input: { productId: await fx.productId('CASGEVY'), brandName: 'Casgevy' } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'addProductNdc',
    document: `mutation($input: AddProductNdcInput!) { addProductNdc(input: $input) { ndc11 } }`,
    variables: async (fx) => ({
      input: {
        productId: await fx.productId('CASGEVY'),
        ndc: `51167-${String(500 + fx.unique())}-01`,
        packageLevel: 'PACKAGE',
      },
    }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'updateProductNdc',
    document: `mutation($input: UpdateProductNdcInput!) { updateProductNdc(input: $input) { ndc11 } }`,
    variables: () => ({ input: { ndc: '51167-290-09', description: 'carton of 9 vials' } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'addProductHcpcs',
    document: `mutation($input: AddProductHcpcsInput!) { addProductHcpcs(input: $input) { id } }`,
    variables: async (fx) => ({
      input: {
        productId: await fx.productId('CASGEVY'),
        hcpcsCode: `Q${9000 + fx.unique()}`,
        effectiveFrom: '2026-01-01',
      },
    }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'updateProductHcpcs',
    document: `mutation($input: UpdateProductHcpcsInput!) { updateProductHcpcs(input: $input) { id } }`,
    variables: async (fx) => ({ input: { id: await fx.hcpcs(), effectiveTo: '2027-12-31' } }),
    expect: COORDINATOR_ONLY,
  },

  // ---- agreements ----
  {
    operation: 'agreements',
    case: 'under negotiation',
    document: `{ agreements(first: 100) { edges { node { id } } } }`,
    variables: async (fx) => ({ fixture: await fx.draft() }),
    reveals: (data, vars) => edgesContain(data.agreements, vars.fixture),
    expect: { ...PARTIES, STATE_OWN: 'hidden', STATE_FOREIGN: 'hidden', MANUFACTURER_FOREIGN: 'hidden' },
  },
  {
    operation: 'agreements',
    case: 'executed',
    document: `{ agreements(first: 100, status: EXECUTED) { edges { node { id } } } }`,
    variables: async (fx) => ({ fixture: await fx.executed() }),
    reveals: (data, vars) => edgesContain(data.agreements, vars.fixture),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'MANUFACTURER_OWN', 'STATE_OWN', 'STATE_FOREIGN'),
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'agreements',
    case: "filtered by another manufacturer's id",
    document: `query($m: ID) { agreements(manufacturerId: $m) { totalCount } }`,
    variables: (fx) => ({ m: fx.vertexId }),
    expect: only('COORDINATOR', 'AUDITOR', 'MANUFACTURER_OWN', 'STATE_OWN', 'STATE_FOREIGN'),
  },
  {
    operation: 'agreement',
    case: 'under negotiation',
    document: `query($id: ID!) { agreement(id: $id) { id versions { totalCount } } }`,
    variables: async (fx) => ({ id: await fx.draft() }),
    expect: PARTIES,
  },
  {
    operation: 'agreement',
    case: 'executed',
    document: `query($id: ID!) { agreement(id: $id) { id latestVersion { terms { supplementalCapPct } } } }`,
    variables: async (fx) => ({ id: await fx.executed() }),
    expect: only('COORDINATOR', 'AUDITOR', 'MANUFACTURER_OWN', 'STATE_OWN', 'STATE_FOREIGN'),
  },
  {
    operation: 'compareAgreementVersions',
    document: `query($id: ID!) { compareAgreementVersions(agreementId: $id, fromVersion: 1, toVersion: 1) { differences { path } } }`,
    variables: async (fx) => ({ id: await fx.draft() }),
    expect: PARTIES,
  },
  {
    operation: 'stateParticipations',
    document: `query($state: String) { stateParticipations(stateCode: $state, first: 100) { edges { node { id } } } }`,
    variables: async (fx) => ({ state: 'NY', fixture: (await fx.participation()).participationId }),
    reveals: (data, vars) => edgesContain(data.stateParticipations, vars.fixture),
    expect: { ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'), MANUFACTURER_FOREIGN: 'hidden' },
  },
  {
    operation: 'draftAgreement',
    document: `mutation($input: DraftAgreementInput!) { draftAgreement(input: $input) { id } }`,
    variables: async (fx) => ({ input: { productId: await fx.productId('CASGEVY'), terms: TERMS } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'proposeAgreementVersion',
    document: `mutation($input: ProposeAgreementVersionInput!) { proposeAgreementVersion(input: $input) { id } }`,
    variables: async (fx) => ({ input: { agreementId: await fx.draft(), terms: TERMS } }),
    expect: NEGOTIATORS,
  },
  {
    operation: 'proposeAgreementAmendment',
    document: `mutation($input: ProposeAmendmentInput!) { proposeAgreementAmendment(input: $input) { id } }`,
    variables: async (fx) => ({
      input: { agreementId: await fx.executed(), effectiveFrom: '2027-01-01', terms: TERMS },
    }),
    expect: NEGOTIATORS,
  },
  {
    operation: 'acceptAgreementVersion',
    document: `mutation($input: AcceptAgreementVersionInput!) { acceptAgreementVersion(input: $input) { id } }`,
    variables: async (fx) => ({ input: { agreementId: await fx.draft(), versionNumber: 1 } }),
    expect: NEGOTIATORS,
  },
  {
    operation: 'withdrawAgreementNegotiation',
    document: `mutation($input: AgreementStepInput!) { withdrawAgreementNegotiation(input: $input) { id } }`,
    variables: async (fx) => ({ input: { agreementId: await fx.draft() } }),
    expect: NEGOTIATORS,
  },
  {
    operation: 'expireAgreement',
    document: `mutation($input: AgreementStepInput!) { expireAgreement(input: $input) { id } }`,
    variables: async (fx) => ({ input: { agreementId: await fx.executed() } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'joinAgreement',
    document: `mutation($input: JoinAgreementInput!) { joinAgreement(input: $input) { id } }`,
    variables: async (fx) => ({
      input: { agreementId: await fx.executed(), stateCode: 'NY', effectiveFrom: '2026-01-01' },
    }),
    expect: only('COORDINATOR', 'STATE_OWN'),
  },
  {
    operation: 'leaveAgreement',
    document: `mutation($input: LeaveAgreementInput!) { leaveAgreement(input: $input) { id } }`,
    variables: async (fx) => ({
      input: { participationId: (await fx.participation()).participationId, effectiveTo: '2027-12-31' },
    }),
    expect: only('COORDINATOR', 'STATE_OWN'),
  },

  // ---- claim files: states (own only), coordinators and auditors; never manufacturers ----
  {
    operation: 'claimSubmissions',
    document: `{ claimSubmissions(first: 100) { edges { node { id } } } }`,
    variables: async (fx) => ({ fixture: await fx.submission() }),
    reveals: (data, vars) => edgesContain(data.claimSubmissions, vars.fixture),
    expect: { ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN'), STATE_FOREIGN: 'hidden' },
  },
  {
    operation: 'claimSubmission',
    document: `query($id: ID!) { claimSubmission(id: $id) { id status } }`,
    variables: async (fx) => ({ id: await fx.submission() }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN'),
  },
  {
    operation: 'recordProblems',
    document: `query($id: ID!) { recordProblems(submissionId: $id) { totalCount } }`,
    variables: async (fx) => ({ id: await fx.submission() }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN'),
  },
  {
    operation: 'claimExceptions',
    document: `query($id: ID!) { claimExceptions(submissionId: $id) { totalCount } }`,
    variables: async (fx) => ({ id: await fx.submission() }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN'),
  },
  {
    operation: 'exceptions',
    document: `{ exceptions(first: 100) { edges { node { stateCode icnOrig } } } }`,
    variables: async (fx) => ({ fixture: await fx.exception() }),
    reveals: (data, vars) => edgesContain(data.exceptions, vars.fixture),
    expect: { ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN'), STATE_FOREIGN: 'hidden' },
  },
  {
    operation: 'submitClaimFile',
    document: `mutation($input: SubmitClaimFileInput!) { submitClaimFile(input: $input) { id } }`,
    variables: (fx) => ({ input: { stateCode: 'NY', fileName: 'matrix.txt', contentBase64: fx.claimFileBase64() } }),
    expect: only('COORDINATOR', 'STATE_OWN'),
  },

  // ---- reconciliation: episodes and the ledger, scoped to state or manufacturer ----
  {
    operation: 'episodes',
    document: `{ episodes(first: 100) { edges { node { episodeRef } } } }`,
    variables: async (fx) => ({ fixture: await fx.episode() }),
    reveals: (data, vars) => edgesContain(data.episodes, vars.fixture),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'episode',
    document: `query($ref: String!) { episode(episodeRef: $ref) { episodeRef } }`,
    variables: async (fx) => ({ ref: await fx.episode() }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
  },
  {
    operation: 'ledgerEntries',
    document: `{ ledgerEntries(first: 100) { edges { node { episodeRef amount } } } }`,
    variables: async (fx) => ({ fixture: await fx.episode() }),
    reveals: (data, vars) => edgesContain(data.ledgerEntries, vars.fixture),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },

  {
    operation: 'reconciliationRequests',
    document: `{ reconciliationRequests(first: 100) { edges { node { stateCode causeId pending } } } }`,
    variables: async (fx) => ({ fixture: (await fx.participation()).participationId }),
    reveals: (data, vars) => edgesContain(data.reconciliationRequests, vars.fixture),
    expect: { ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN'), STATE_FOREIGN: 'hidden' },
  },

  // ---- outcomes: observations reported by states, program dashboards ----
  {
    operation: 'outcomeObservations',
    document: `{ outcomeObservations(first: 100, includeWithdrawn: true) { edges { node { id evidenceRef } } } }`,
    variables: async (fx) => ({ fixture: await fx.observation() }),
    reveals: (data, vars) => edgesContain(data.outcomeObservations, vars.fixture),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'reportOutcomeObservation',
    document: `mutation($input: ReportOutcomeObservationInput!) { reportOutcomeObservation(input: $input) { id } }`,
    variables: async (fx) => ({
      input: { episodeRef: await fx.episode(), eventDate: '2026-05-20', eventCode: 'CRISIS', evidenceRef: 'REG-1' },
    }),
    expect: only('COORDINATOR', 'STATE_OWN'),
  },
  {
    operation: 'withdrawOutcomeObservation',
    document: `mutation($input: WithdrawOutcomeObservationInput!) { withdrawOutcomeObservation(input: $input) { id } }`,
    variables: async (fx) => ({ input: { observationId: await fx.observation(), reason: 'entered in error' } }),
    expect: only('COORDINATOR', 'STATE_OWN'),
  },
  {
    operation: 'programDashboard',
    document: `{ programDashboard { stateCode labelerCode accruedTotal } }`,
    variables: async (fx) => ({ fixture: await fx.episode() }),
    reveals: (data) => JSON.stringify(data.programDashboard).includes('"stateCode":"NY"'),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  // ---- disputes of issued statements: manufacturers open, states resolve, all read within scope ----
  { operation: 'disputeCodes', document: `{ disputeCodes { code label } }`, expect: SIGNED_IN },
  {
    operation: 'disputes',
    document: `{ disputes(first: 100) { edges { node { id } } } }`,
    variables: async (fx) => ({ fixture: await fx.openDispute() }),
    reveals: (data, vars) => edgesContain(data.disputes, vars.fixture),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'disputeAging',
    document: `{ disputeAging { bucket count amount } }`,
    variables: async (fx) => ({ fixture: await fx.openDispute() }),
    reveals: (data) => (data.disputeAging as { count: number }[]).some((b) => b.count > 0),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'dispute',
    document: `query($id: ID!) { dispute(id: $id) { id status } }`,
    variables: async (fx) => ({ id: await fx.openDispute() }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
  },
  {
    operation: 'openDispute',
    document: `mutation($input: OpenDisputeInput!) { openDispute(input: $input) { id } }`,
    variables: async (fx) => ({ input: { ...(await fx.issuedLine()), code: 'U', note: 'not eligible' } }),
    expect: only('COORDINATOR', 'MANUFACTURER_OWN'),
  },
  {
    operation: 'addDisputeDocuments',
    document: `mutation($input: AddDisputeDocumentsInput!) { addDisputeDocuments(input: $input) { id } }`,
    variables: async (fx) => ({
      input: {
        disputeId: await fx.openDispute(),
        documents: [{ fileName: 'note.txt', contentType: 'text/plain', contentBase64: 'bm90ZQ==' }],
      },
    }),
    expect: only('COORDINATOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
  },
  {
    operation: 'resolveDispute',
    document: `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { id status } }`,
    variables: async (fx) => ({ input: { disputeId: await fx.openDispute(), outcome: 'DENIED', note: 'owed' } }),
    expect: only('COORDINATOR', 'STATE_OWN'),
  },

  // ---- statements: scoped like the ledger; issuing by coordinators, acknowledging and paying by the manufacturer ----
  {
    operation: 'statements',
    document: `query($q: String) { statements(first: 100, filter: { quarter: $q }) { edges { node { number } } } }`,
    variables: async (fx) => {
      const s = await fx.statement();
      return { q: s.quarter, fixture: s.number };
    },
    reveals: (data, vars) => edgesContain(data.statements, vars.fixture),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'statement',
    document: `query($id: ID!) { statement(id: $id) { number lines { episodeRef amount } balances { outstanding } } }`,
    variables: async (fx) => ({ id: (await fx.statement()).id }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
  },
  {
    operation: 'statementByNumber',
    document: `query($n: String!) { statementByNumber(number: $n) { number totals { total } } }`,
    variables: async (fx) => ({ n: (await fx.statement()).number }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
  },
  {
    operation: 'statementSummary',
    document: `query($q: String) { statementSummary(filter: { quarter: $q }) { amounts { quarter amount } } }`,
    variables: async (fx) => ({ q: (await fx.statement()).quarter }),
    reveals: (data) => (data.statementSummary as { amounts: unknown[] }).amounts.length > 0,
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'issueStatement',
    document: `mutation($id: ID!) { issueStatement(id: $id) { status } }`,
    variables: async (fx) => ({ id: (await fx.statement()).id }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'issueStatements',
    document: `mutation($q: String!) { issueStatements(input: { quarter: $q }) { status } }`,
    variables: async (fx) => ({ q: (await fx.statement()).quarter }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'acknowledgeStatement',
    document: `mutation($id: ID!) { acknowledgeStatement(id: $id) { status } }`,
    variables: async (fx) => ({ id: (await fx.statement('ISSUED')).id }),
    expect: only('MANUFACTURER_OWN'),
  },
  {
    operation: 'recordStatementPayment',
    document: `mutation($input: RecordStatementPaymentInput!) { recordStatementPayment(input: $input) { status } }`,
    variables: async (fx) => ({
      input: {
        statementId: (await fx.statement('ISSUED')).id,
        amount: '100.00',
        receivedOn: '2026-02-01',
        reference: `WIRE-${fx.unique()}`,
      },
    }),
    expect: only('COORDINATOR', 'MANUFACTURER_OWN'),
  },
  { operation: 'interestRates', document: `{ interestRates { effectiveFrom annualRate } }`, expect: SIGNED_IN },
  {
    operation: 'setInterestRate',
    document: `mutation($input: SetInterestRateInput!) { setInterestRate(input: $input) { effectiveFrom } }`,
    variables: (fx) => ({
      input: { effectiveFrom: `2099-${String((fx.unique() % 12) + 1).padStart(2, '0')}-01`, annualRate: '0.05' },
    }),
    expect: COORDINATOR_ONLY,
  },

  // ---- annual volume true-up: coordinators close and reopen; parties and participating states read ----
  {
    operation: 'closeContractYear',
    document: `mutation($input: CloseContractYearInput!) { closeContractYear(input: $input) { close { id } } }`,
    variables: async (fx) => ({ input: { agreementId: await fx.executed(), year: 2025 } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'reopenContractYear',
    document: `mutation($input: ReopenContractYearInput!) { reopenContractYear(input: $input) { id } }`,
    variables: async (fx) => ({ input: { agreementId: await fx.closedYear(), year: 2025, reason: 'matrix' } }),
    expect: COORDINATOR_ONLY,
  },
  {
    operation: 'contractYearCloses',
    document: `query($id: ID!) { contractYearCloses(agreementId: $id) { id tierPct } }`,
    variables: async (fx) => ({ id: (await fx.participation()).agreementId }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
  },

  // ---- term-sheet simulator: coordinators and the agreement's manufacturer; states for themselves ----
  {
    operation: 'simulateTermSheet',
    document: `mutation($input: SimulateTermSheetInput!) { simulateTermSheet(input: $input) { id status } }`,
    variables: async (fx) => ({
      input: {
        subject: { agreementId: (await fx.participation()).agreementId },
        states: [{ stateCode: 'NY' }],
        trials: 10,
        seed: 1,
      },
    }),
    expect: only('COORDINATOR', 'STATE_OWN', 'MANUFACTURER_OWN'),
  },
  {
    operation: 'rerunTermSheetSimulation',
    document: `mutation($id: ID!) { rerunTermSheetSimulation(id: $id) { id reproduces } }`,
    variables: async (fx) => ({ id: await fx.simulation() }),
    expect: only('COORDINATOR', 'STATE_OWN'),
  },
  {
    operation: 'termSheetSimulation',
    document: `query($id: ID!) { termSheetSimulation(id: $id) { id assumptions { stateCode } } }`,
    variables: async (fx) => ({ id: await fx.simulation() }),
    expect: only('COORDINATOR', 'AUDITOR', 'STATE_OWN'),
  },
  {
    operation: 'termSheetSimulations',
    document: `{ termSheetSimulations(first: 100) { edges { node { id } } } }`,
    variables: async (fx) => ({ fixture: await fx.simulation() }),
    reveals: (data, vars) => edgesContain(data.termSheetSimulations, vars.fixture),
    expect: {
      ...only('COORDINATOR', 'AUDITOR', 'STATE_OWN'),
      STATE_FOREIGN: 'hidden',
      MANUFACTURER_OWN: 'hidden',
      MANUFACTURER_FOREIGN: 'hidden',
    },
  },
  {
    operation: 'termSheetSimulationDefaults',
    document: `query($s: SimulationSubjectInput!) { termSheetSimulationDefaults(subject: $s) { startYear states { stateCode } } }`,
    variables: async (fx) => ({ s: { agreementId: (await fx.participation()).agreementId } }),
    // Executed terms are readable by every state, each for itself; another manufacturer's are NOT_FOUND.
    expect: only('COORDINATOR', 'STATE_OWN', 'STATE_FOREIGN', 'MANUFACTURER_OWN'),
  },
];

const DENIED = ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND'];

/**
 * Field-level rows (minimum necessary): for each sensitive field, whether a
 * caller who can read the row gets its value (shown) or null (withheld); `no access` when the
 * caller cannot read the row at all (an error, or a list without the fixture).
 */
type FieldCell = 'shown' | 'withheld' | 'no access';
interface FieldRow {
  field: string;
  document: string;
  /** The field's value for the fixture, or undefined when the answer does not hold the fixture. */
  pick: (data: Record<string, unknown>, fixture: { ref: string; observationId: string }) => unknown;
  expect: Record<Caller, FieldCell>;
}

const NO_ACCESS = { STATE_FOREIGN: 'no access', MANUFACTURER_FOREIGN: 'no access', ANONYMOUS: 'no access' } as const;
/** Claim detail: coordinators, auditors and the owning state; the manufacturer of the product gets null. */
const CLAIM_DETAIL: Record<Caller, FieldCell> = {
  COORDINATOR: 'shown',
  AUDITOR: 'shown',
  STATE_OWN: 'shown',
  MANUFACTURER_OWN: 'withheld',
  ...NO_ACCESS,
};
/** MSIS ids: coordinators and the owning state only. */
const BENEFICIARY: Record<Caller, FieldCell> = { ...CLAIM_DETAIL, AUDITOR: 'withheld' };
/** What a rebate check needs: every reader of the row. */
const EVERY_READER: Record<Caller, FieldCell> = { ...CLAIM_DETAIL, MANUFACTURER_OWN: 'shown' };

const SENSITIVE_EPISODE = `query($ref: String!) { episode(episodeRef: $ref) {
  episodeRef administrationDate ndc11 ineligibleCode beneficiaryId indexIcn paid ineligibleReason
  benchmarks { code event { eventDate eventMonth icn code evidenceCategory months observationId } }
  observations { eventDate eventMonth eventCode evidenceCategory evidenceRef note withdrawReason } } }`;
const OBSERVATION_LIST = `{ outcomeObservations(first: 100, includeWithdrawn: true) { edges { node {
  id eventDate eventMonth eventCode evidenceCategory evidenceRef note withdrawReason } } } }`;

type Json = Record<string, unknown>;
const episodeOf = (data: Json) => data.episode as Json;
const eventOf = (data: Json) => ((episodeOf(data).benchmarks as Json[])[0].event ?? {}) as Json;
const observationOf = (data: Json) => (episodeOf(data).observations as Json[])[0];
const listedObservation = (data: Json, fx: { observationId: string }) =>
  ((data.outcomeObservations as { edges: { node: Json }[] }).edges.find((e) => e.node.id === fx.observationId) ?? {})
    .node;

const FIELD_ROWS: FieldRow[] = [
  ...(['episodeRef', 'administrationDate', 'ndc11', 'ineligibleCode'] as const).map((name) => ({
    field: `Episode.${name}`,
    document: SENSITIVE_EPISODE,
    pick: (data: Json) => episodeOf(data)[name],
    expect: EVERY_READER,
  })),
  {
    field: 'Episode.beneficiaryId',
    document: SENSITIVE_EPISODE,
    pick: (d) => episodeOf(d).beneficiaryId,
    expect: BENEFICIARY,
  },
  ...(['indexIcn', 'paid', 'ineligibleReason'] as const).map((name) => ({
    field: `Episode.${name}`,
    document: SENSITIVE_EPISODE,
    pick: (data: Json) => episodeOf(data)[name],
    expect: CLAIM_DETAIL,
  })),
  ...(['eventDate', 'icn', 'code'] as const).map((name) => ({
    field: `OutcomeEvent.${name}`,
    document: SENSITIVE_EPISODE,
    pick: (data: Json) => eventOf(data)[name],
    expect: CLAIM_DETAIL,
  })),
  ...(['eventMonth', 'evidenceCategory', 'months'] as const).map((name) => ({
    field: `OutcomeEvent.${name}`,
    document: SENSITIVE_EPISODE,
    pick: (data: Json) => eventOf(data)[name],
    expect: EVERY_READER,
  })),
  ...(['eventDate', 'eventCode', 'evidenceRef', 'note', 'withdrawReason'] as const).flatMap((name) => [
    {
      field: `OutcomeObservation.${name} (Episode.observations)`,
      document: SENSITIVE_EPISODE,
      pick: (data: Json) => observationOf(data)[name],
      expect: CLAIM_DETAIL,
    },
    {
      field: `OutcomeObservation.${name} (outcomeObservations)`,
      document: OBSERVATION_LIST,
      pick: (data: Json, fx: { observationId: string }) => listedObservation(data, fx)?.[name],
      expect: CLAIM_DETAIL,
    },
  ]),
  ...(['eventMonth', 'evidenceCategory'] as const).map((name) => ({
    field: `OutcomeObservation.${name}`,
    document: OBSERVATION_LIST,
    pick: (data: Json, fx: { observationId: string }) => listedObservation(data, fx)?.[name],
    expect: EVERY_READER,
  })),
];

describe('authorization matrix: every operation, every role, own and foreign tenant', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const tokens = new Map<Caller, string | undefined>();
  let fixtures: Fixtures;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url, { LOGIN_MAX_FAILURES: '1000' }));
    const manufacturers = api.app.get(ManufacturersService);
    const products = api.app.get(ProductsService);
    const negotiation = api.app.get(NegotiationService);
    const participation = api.app.get(ParticipationService);
    const vertexId = (await manufacturers.manufacturerIdByLabelerCode('51167'))!;
    const genetixId = (await manufacturers.manufacturerIdByLabelerCode('73554'))!;
    const users: [Caller, Parameters<typeof insertUser>[1]][] = [
      ['COORDINATOR', { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR }],
      ['AUDITOR', { email: 'auditor@test.gov', role: Role.AUDITOR }],
      ['STATE_OWN', { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' }],
      ['STATE_FOREIGN', { email: 'tx@test.gov', role: Role.STATE_STAFF, stateCode: 'TX' }],
      ['MANUFACTURER_OWN', { email: 'val@vertex.test', role: Role.MANUFACTURER_STAFF, manufacturerId: vertexId }],
      [
        'MANUFACTURER_FOREIGN',
        { email: 'gene@genetix.test', role: Role.MANUFACTURER_STAFF, manufacturerId: genetixId },
      ],
    ];
    const userIds = new Map<Caller, string>();
    for (const [caller, user] of users) {
      userIds.set(caller, (await insertUser(db.url, user)).id);
      tokens.set(caller, await signIn(api.url, user.email, 'test-password-123'));
    }
    tokens.set('ANONYMOUS', undefined);

    const system = systemActor('matrix-fixtures');
    const vertex: Actor = { ...system, role: Role.MANUFACTURER_STAFF, manufacturerId: vertexId };
    let counter = 0;
    const casgevy = (await products.productByCode('CASGEVY'))!;
    const draft = async () => (await negotiation.draft(system, { productId: casgevy.id, terms: casgevyTerms() })).id;
    // At most one executed agreement governs a product: each new one expires the one in force.
    const executed = async () => {
      const id = await draft();
      await negotiation.accept(system, { agreementId: id, versionNumber: 1 });
      const governing = await api.app
        .get(DataSource)
        .query<{ id: string }[]>(`SELECT id FROM agreement WHERE product_id = $1 AND status = 'EXECUTED'`, [
          casgevy.id,
        ]);
      for (const { id: agreementId } of governing) await negotiation.expire(system, { agreementId });
      await negotiation.accept(vertex, { agreementId: id, versionNumber: 1 });
      return id;
    };
    const episode = async (statementQuarter = '2026Q1') => {
      const ref = `EP-0000-0000-0000-${String((counter += 1)).padStart(4, '0')}`;
      await api.app.get(DataSource).transaction(async (manager) => {
        const [row] = await manager.query<{ id: string }[]>(
          `INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, index_icn, administration_date,
                                paid, status, fingerprint, created_by_cause, updated_by_cause)
           VALUES ($1, $2, 'NY', $3, '51167', 'ICN-MATRIX', '2026-03-10', 2200000, 'ELIGIBLE', 'f', 'matrix', 'matrix')
           RETURNING id`,
          // Keys start with the state, as real ones do: reconciling New York voids these fixtures.
          [`NY|matrix|${ref}`, ref, casgevy.id],
        );
        await manager.query(
          `INSERT INTO ledger_entry (episode_id, state_code, labeler_code, product_id, administration_date, component, amount,
                                     service_quarter, statement_quarter, cause_type, cause_id)
           VALUES ($1, 'NY', '51167', $2, '2026-03-10', 'GUARANTEED', 220000, '2026Q1', $3, 'SUBMISSION', 'matrix')`,
          [row.id, casgevy.id, statementQuarter],
        );
      });
      return ref;
    };
    const claimFile = () =>
      [
        `COT00001|4.0.0|O|CLAIMOT|36|20260405|20260301|20260331|${(counter += 1)}|2`,
        `COT00002|36|1|NY2026030199${String(counter).padStart(3, '0')}||20260320|0|F00000001|1|F1|0|1234567893|||20260315|20260315||10.00`,
        `COT00003|36|2|NY2026030199${String(counter).padStart(3, '0')}||20260320|0|1||99213||0||1|20260315|20260315|10.00`,
      ].join('\n');
    const submission = async () =>
      (
        await api.app.get(ClaimSubmissionsService).receive(system, {
          stateCode: 'NY',
          fileName: 'matrix.txt',
          body: Readable.from([Buffer.from(claimFile())]),
        })
      ).submission.id;
    const observation = async () => {
      const ref = await episode();
      const [row] = await api.app.get(DataSource).query<{ id: string }[]>(
        `INSERT INTO outcome_observation (episode_id, state_code, event_date, event_code, evidence_ref)
         SELECT id, 'NY', '2026-05-20', 'CRISIS', 'REG-MATRIX' FROM episode WHERE episode_ref = $1 RETURNING id`,
        [ref],
      );
      return row.id;
    };
    const issuedLine = async () => {
      const quarter = `${2100 + (counter += 1)}Q1`;
      const ref = await episode(quarter);
      const statement = await issueStatementForTest(db.url, {
        labelerCode: '51167',
        stateCode: 'NY',
        quarter,
        issuedOn: '2026-05-01',
      });
      const [line] = await api.app
        .get(DataSource)
        .query<{ id: string }[]>(
          `SELECT l.id::text AS id FROM ledger_entry l JOIN episode e ON e.id = l.episode_id WHERE e.episode_ref = $1`,
          [ref],
        );
      return { statementId: statement.id, ledgerEntryId: line.id };
    };
    const vertexUser: Actor = {
      ...vertex,
      kind: 'user',
      userId: userIds.get('MANUFACTURER_OWN')!,
      label: 'val@vertex.test',
    };
    const openDispute = async () =>
      (
        await api.app
          .get(DisputesService)
          .open(vertexUser, { ...(await issuedLine()), code: 'M', note: 'billed twice', documents: [] })
      ).id;
    let statements = 0;
    const statement = async (status: 'DRAFT' | 'ISSUED' = 'DRAFT') => {
      const index = (statements += 1);
      const quarter = `${1990 + Math.floor(index / 4)}Q${(index % 4) + 1}`;
      const ref = await episode();
      return api.app.get(DataSource).transaction(async (manager) => {
        await manager.query(
          `INSERT INTO ledger_entry (episode_id, state_code, labeler_code, product_id, administration_date, component, amount,
                                     service_quarter, statement_quarter, cause_type, cause_id)
           SELECT id, 'NY', '51167', product_id, '2026-03-10', 'GUARANTEED', 1000, $2, $2, 'SUBMISSION', 'matrix'
             FROM episode WHERE episode_ref = $1`,
          [ref, quarter],
        );
        const issued = status === 'ISSUED';
        const [row] = await manager.query<{ id: string; number: string }[]>(
          `INSERT INTO statement (number, labeler_code, state_code, quarter, status, issued_on, due_on, total, line_count)
           VALUES ('CGT-NY-51167-' || $1, '51167', 'NY', $1, $2, $3, $4, $5, $6) RETURNING id, number`,
          [
            quarter,
            status,
            issued ? '2026-01-15' : null,
            issued ? '2026-02-21' : null,
            issued ? 1000 : null,
            issued ? 1 : null,
          ],
        );
        return { ...row, quarter };
      });
    };
    let sensitive: Promise<{ ref: string; observationId: string }> | null = null;
    const sensitiveEpisode = async () => {
      const ref = 'EP-5E45-1717-5E45-0001';
      const benchmarks = [
        {
          code: 'VOE12',
          measure: 'VOE_HOSPITALIZATION',
          status: 'NOT_MET',
          windowEnd: '2027-03-10',
          event: {
            source: 'CLAIM',
            eventDate: '2026-06-02',
            icn: 'NY-ICN-CRISIS-0001',
            diagnosisCode: 'D5700',
            months: 2,
            tierThroughMonth: 12,
            rebatePct: '0.5',
            uncappedAmount: '1100000',
            amount: '1100000',
          },
        },
      ];
      const [row] = await api.app.get(DataSource).query<{ id: string }[]>(
        `INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, msis_id, index_icn, administration_date,
                              ndc11, paid, status, ineligible_code, ineligible_reason, benchmarks, fingerprint, created_by_cause, updated_by_cause)
         VALUES ('NY|matrix|sensitive', $1, 'NY', $2, '51167', 'MSISMATRIX01', 'NY-ICN-INDEX-0001', '2026-03-10', '51167029009',
                 0, 'INELIGIBLE', 'J', 'Medicaid paid $0.00 for this administration', $3, 'f', 'matrix', 'matrix')
         RETURNING id`,
        [ref, casgevy.id, JSON.stringify(benchmarks)],
      );
      const [observation] = await api.app.get(DataSource).query<{ id: string }[]>(
        `INSERT INTO outcome_observation (episode_id, state_code, event_date, event_code, evidence_ref, note, withdrawn_at, withdraw_reason)
         VALUES ($1, 'NY', '2026-06-01', 'D5701', 'chart 77 Jane Doe MSISMATRIX01', 'typed by NY', now(), 'entered twice')
         RETURNING id`,
        [row.id],
      );
      return { ref, observationId: observation.id };
    };
    fixtures = {
      simulation: async () => {
        const agreementId = await executed();
        await participation.join(system, { agreementId, stateCode: 'NY', effectiveFrom: '2026-01-01' });
        const ny: Actor = { ...system, kind: 'user', role: Role.STATE_STAFF, stateCode: 'NY', label: 'ny@matrix' };
        return (await api.app.get(SimulationsService).simulate(ny, { subject: { agreementId }, trials: 10, seed: 1 }))
          .id;
      },
      sensitiveEpisode: () => (sensitive ??= sensitiveEpisode()),
      issuedLine,
      openDispute,
      statement,
      closedYear: async () => {
        const agreementId = await executed();
        await api.app.get(ContractYearCloseService).close(system, { agreementId, year: 2025 });
        return agreementId;
      },
      submission,
      exception: async () => {
        const icn = `ICN-MATRIX-EXC-${(counter += 1)}`;
        await api.app.get(DataSource).query(
          `INSERT INTO reconciliation_exception (submission_id, state_code, code, icn_orig, reason)
           VALUES ($1, 'NY', 'R', $2, 'matrix')`,
          [await submission(), icn],
        );
        return icn;
      },
      observation,
      claimFileBase64: () => Buffer.from(claimFile()).toString('base64'),
      episode,
      unique: () => (counter += 1),
      draft,
      executed,
      participation: async () => {
        const agreementId = await executed();
        const p = await participation.join(system, { agreementId, stateCode: 'NY', effectiveFrom: '2026-01-01' });
        return { agreementId, participationId: p.id };
      },
      productId: async (code) => (await products.productByCode(code))!.id,
      vertexId,
      user: async () => (await insertUser(db.url, { email: `u${(counter += 1)}@test.gov`, role: Role.AUDITOR })).id,
      manufacturer: async () =>
        (
          await manufacturers.createManufacturer(system, {
            legalName: 'Fixture Bio',
            effectiveFrom: '2020-01-01',
            labelerCode: String(70000 + (counter += 1)),
          })
        ).id,
      hcpcs: async () =>
        (
          await products.addProductHcpcs(system, {
            productId: casgevy.id,
            hcpcsCode: `C${9000 + (counter += 1)}`,
            effectiveFrom: '2026-01-01',
          })
        ).id,
    };
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('has a row for every query and mutation of the schema', async () => {
    const response = await graphql<{
      __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
    }>(
      api.url,
      `
        {
          __schema {
            queryType {
              fields {
                name
              }
            }
            mutationType {
              fields {
                name
              }
            }
          }
        }
      `,
      {},
      tokens.get('AUDITOR'),
    );
    const operations = [
      ...response.data!.__schema.queryType.fields,
      ...response.data!.__schema.mutationType.fields,
    ].map((f) => f.name);
    const covered = new Set(ROWS.map((r) => r.operation));
    expect(operations.filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => !operations.includes(name))).toEqual([]);
  });

  const fieldCells = FIELD_ROWS.flatMap((row) => CALLERS.map((caller) => [row, caller] as const));
  it.each(fieldCells.map(([row, caller]) => [row.field, caller, row.expect[caller], row]))(
    'field %s as %s: %s',
    async (_field, caller, expected, row) => {
      const fixture = await fixtures.sensitiveEpisode();
      const result = await graphql(api.url, row.document, { ref: fixture.ref }, tokens.get(caller));
      if (result.errors?.length) {
        expect(expected).toBe('no access');
        expect(DENIED).toContain(result.errors[0].extensions?.code);
        return;
      }
      const value = row.pick(result.data!, fixture);
      const seen: FieldCell = value === undefined ? 'no access' : value === null ? 'withheld' : 'shown';
      expect(seen).toBe(expected);
    },
  );

  const cells = ROWS.flatMap((row) => CALLERS.map((caller) => [row, caller] as const));
  it.each(
    cells.map(([row, caller]) => [
      `${row.operation}${row.case ? ` (${row.case})` : ''}`,
      caller,
      row.expect[caller],
      row,
    ]),
  )('%s as %s: %s', async (_name, caller, expected, row) => {
    const variables = row.variables ? await row.variables(fixtures) : {};
    const result = await graphql(api.url, row.document, variables, tokens.get(caller));
    const codes = (result.errors ?? []).map((e) => e.extensions?.code);
    if (expected === 'deny') {
      expect(codes.length).toBeGreaterThan(0);
      expect(DENIED).toContain(codes[0]);
      return;
    }
    expect(result.errors ?? []).toEqual([]);
    if (row.reveals) expect(row.reveals(result.data!, variables)).toBe(expected === 'allow');
  });
});
