import { Foundation1764000000000 } from './1764000000000-foundation';
import { ReferenceData1764000001000 } from './1764000001000-reference-data';
import { Users1764000002000 } from './1764000002000-users';
import { Agreements1764000003000 } from './1764000003000-agreements';
import { ClaimSubmissions1764000004000 } from './1764000004000-claim-submissions';
import { EpisodesLedger1764000005000 } from './1764000005000-episodes-ledger';
import { Statements1764000006000 } from './1764000006000-statements';
import { OutcomeObservations1764000007000 } from './1764000007000-outcome-observations';
import { ContractYearClose1764000008000 } from './1764000008000-contract-year-close';
import { ReconciliationRequests1764000009000 } from './1764000009000-reconciliation-requests';
import { LoginThrottlePerClient1764100000000 } from './1764100000000-login-throttle-per-client';
import { ClaimVersionDigest1764300000000 } from './1764300000000-claim-version-digest';
import { UserSessions1764400001000 } from './1764400001000-user-sessions';
import { StatementCredits1764200000000 } from './1764200000000-statement-credits';
import { ReadPaths1764200001000 } from './1764200001000-read-paths';
import { MedicaidAgency1764400002000 } from './1764400002000-medicaid-agency';
import { TermSheetSimulations1764700000000 } from './1764700000000-term-sheet-simulations';
import { OneGoverningAgreement1764900000000 } from './1764900000000-one-governing-agreement';
import { ExceptionReadPaths1764920000000 } from './1764920000000-exception-read-paths';
import { ReconciliationRequestReads1764920001000 } from './1764920001000-reconciliation-request-reads';
import { DataChangeNotifications1764940000000 } from './1764940000000-data-change-notifications';
import { ClaimFileRelevance1765000000000 } from './1765000000000-claim-file-relevance';
import { ReconcileScope1765100000000 } from './1765100000000-reconcile-scope';
import { InlinableVersionDigest1765200000000 } from './1765200000000-inlinable-version-digest';
import { StagedHeaderDigest1765200001000 } from './1765200001000-staged-header-digest';
import { DigestByAdjudicationMonth1765300000000 } from './1765300000000-digest-by-adjudication-month';
import { DigestMonthPartitions1765400000000 } from './1765400000000-digest-month-partitions';
import { DigestYearPartitions1765500000000 } from './1765500000000-digest-year-partitions';

/**
 * Every migration, oldest first. A new migration is a reviewed file in this folder plus one line
 * here (README: "Adding a migration").
 */
export const MIGRATIONS = [
  Foundation1764000000000,
  ReferenceData1764000001000,
  Users1764000002000,
  Agreements1764000003000,
  ClaimSubmissions1764000004000,
  EpisodesLedger1764000005000,
  Statements1764000006000,
  OutcomeObservations1764000007000,
  ContractYearClose1764000008000,
  ReconciliationRequests1764000009000,
  LoginThrottlePerClient1764100000000,
  StatementCredits1764200000000,
  ReadPaths1764200001000,
  ClaimVersionDigest1764300000000,
  UserSessions1764400001000,
  MedicaidAgency1764400002000,
  TermSheetSimulations1764700000000,
  OneGoverningAgreement1764900000000,
  ExceptionReadPaths1764920000000,
  ReconciliationRequestReads1764920001000,
  DataChangeNotifications1764940000000,
  ClaimFileRelevance1765000000000,
  ReconcileScope1765100000000,
  InlinableVersionDigest1765200000000,
  StagedHeaderDigest1765200001000,
  DigestByAdjudicationMonth1765300000000,
  DigestMonthPartitions1765400000000,
  DigestYearPartitions1765500000000,
];
