import { addDays, compareDates, daysBetween, isIsoDate, plainLabel, ZERO, type Dec, type IsoDate } from '@lib/common';
import { compareComponents } from '@lib/reconciliation';
import { compareText } from './ordering';
import {
  type Component,
  type Dispute,
  type DisputeCode,
  type DisputeScope,
  type DisputeStatus,
  type RuleResult,
  type StatementLine,
  type StatementStatus,
} from './types';

export interface DisputeCodeInfo {
  code: DisputeCode;
  label: string;
  description: string;
}

/** The MDRP dispute codes domain.md names, in the order they are listed there. */
export const DISPUTE_CODES: readonly DisputeCodeInfo[] = [
  {
    code: 'M',
    label: plainLabel('disputeCode', 'M'),
    description: 'The administration is billed more than once (e.g. FFS and encounter).',
  },
  {
    code: 'D',
    label: plainLabel('disputeCode', 'D'),
    description: 'The units or unit of measure do not match the product billing unit.',
  },
  {
    code: 'U',
    label: plainLabel('disputeCode', 'U'),
    description: 'The beneficiary, state or date is not eligible under the model.',
  },
  { code: 'J', label: plainLabel('disputeCode', 'J'), description: 'The state made no payment for the claim.' },
  { code: 'K', label: plainLabel('disputeCode', 'K'), description: 'An HCPCS-only line without an NDC crosswalk.' },
  { code: 'O', label: plainLabel('disputeCode', 'O'), description: 'The NDC is invalid or not the covered product.' },
];

export function isDisputeCode(value: string): value is DisputeCode {
  return DISPUTE_CODES.some((c) => c.code === value);
}

export function disputeCodeInfo(code: DisputeCode): DisputeCodeInfo {
  const info = DISPUTE_CODES.find((c) => c.code === code);
  if (!info) throw new Error(`Unknown dispute code: ${String(code)}`);
  return info;
}

/** Days the state has to resolve a dispute unless configured otherwise (our choice: 60). */
export const DEFAULT_DISPUTE_RESOLUTION_DAYS = 60;

export function disputeStatus(dispute: Dispute): DisputeStatus {
  return dispute.resolution?.outcome ?? 'OPEN';
}

export function disputeDueDate(dispute: Dispute, resolutionDays = DEFAULT_DISPUTE_RESOLUTION_DAYS): IsoDate {
  return addDays(dispute.openedOn, resolutionDays);
}

/** Days from opening to resolution, or to `today` while open. */
export function disputeAgeDays(dispute: Dispute, today: IsoDate): number {
  return daysBetween(dispute.openedOn, dispute.resolution?.resolvedOn ?? today);
}

/** Open after its due date (on the due date itself it is not yet overdue). */
export function isDisputeOverdue(
  dispute: Dispute,
  today: IsoDate,
  resolutionDays = DEFAULT_DISPUTE_RESOLUTION_DAYS,
): boolean {
  return dispute.resolution === null && compareDates(today, disputeDueDate(dispute, resolutionDays)) > 0;
}

export interface OpenDisputeInput {
  disputeId: string;
  scope: DisputeScope;
  code: string;
  note: string;
  openedOn: IsoDate;
}

export interface DisputedStatement {
  status: StatementStatus;
  issuedOn: IsoDate | null;
  lines: readonly StatementLine[];
  disputes: readonly Dispute[];
}

/** Every violation of opening this dispute, by input path (style.md: list them all). */
export function disputeViolations(input: OpenDisputeInput, statement: DisputedStatement): string[] {
  const v: string[] = [];
  if (statement.status === 'DRAFT' || statement.issuedOn === null) v.push('statement: not issued yet');
  if (statement.status === 'PAID') v.push('statement: fully paid');
  if (!isDisputeCode(input.code))
    v.push(`input.code: not an MDRP dispute code (${DISPUTE_CODES.map((c) => c.code).join(' ')})`);
  if (!isIsoDate(input.openedOn)) v.push('input.openedOn: not a date');
  else if (statement.issuedOn !== null && compareDates(input.openedOn, statement.issuedOn) < 0) {
    v.push('input.openedOn: before the statement was issued');
  }
  const open = statement.disputes.filter((d) => d.resolution === null);
  if (input.scope.kind === 'LINE') {
    const lineId = input.scope.lineId;
    if (!statement.lines.some((l) => l.lineId === lineId)) v.push('input.scope.lineId: not a line of this statement');
    if (open.some((d) => d.scope.kind === 'LINE' && d.scope.lineId === lineId)) {
      v.push('input.scope.lineId: the line already has an open dispute');
    }
  } else if (open.some((d) => d.scope.kind === 'STATEMENT')) {
    v.push('input.scope: the statement already has an open dispute');
  }
  return v;
}

export function openDispute(input: OpenDisputeInput, statement: DisputedStatement): RuleResult<Dispute> {
  const violations = disputeViolations(input, statement);
  if (violations.length > 0 || !isDisputeCode(input.code)) return { ok: false, reason: violations.join('; ') };
  return {
    ok: true,
    value: {
      disputeId: input.disputeId,
      scope: input.scope,
      code: input.code,
      note: input.note,
      openedOn: input.openedOn,
      resolution: null,
    },
  };
}

export type ResolveDisputeInput =
  | { outcome: 'UPHELD'; resolvedOn: IsoDate; note: string; agreedAmount?: Dec }
  | { outcome: 'DENIED'; resolvedOn: IsoDate; note: string };

/**
 * rebate-rules section 8: UPHELD fixes the agreed amount (0 unless stated), DENIED changes
 * nothing. A whole-statement dispute can only be upheld at 0: a single agreed amount cannot be
 * split across its components, so a partial agreement is made line by line.
 */
export function resolveDispute(dispute: Dispute, input: ResolveDisputeInput): RuleResult<Dispute> {
  if (dispute.resolution !== null)
    return { ok: false, reason: `Dispute ${dispute.disputeId} is already ${dispute.resolution.outcome}` };
  if (!isIsoDate(input.resolvedOn)) return { ok: false, reason: 'resolvedOn: not a date' };
  if (compareDates(input.resolvedOn, dispute.openedOn) < 0)
    return { ok: false, reason: 'resolvedOn: before the dispute was opened' };
  if (input.outcome === 'DENIED') {
    return {
      ok: true,
      value: { ...dispute, resolution: { outcome: 'DENIED', resolvedOn: input.resolvedOn, note: input.note } },
    };
  }
  const agreedAmount = input.agreedAmount ?? ZERO;
  if (agreedAmount.isNegative()) return { ok: false, reason: 'agreedAmount: must not be negative' };
  if (agreedAmount.decimalPlaces() > 2) return { ok: false, reason: 'agreedAmount: at most 2 decimals (cents)' };
  if (dispute.scope.kind === 'STATEMENT' && !agreedAmount.isZero()) {
    return { ok: false, reason: 'agreedAmount: a whole-statement dispute is upheld at 0; agree amounts line by line' };
  }
  return {
    ok: true,
    value: {
      ...dispute,
      resolution: { outcome: 'UPHELD', resolvedOn: input.resolvedOn, note: input.note, agreedAmount },
    },
  };
}

/** What reconciliation needs to record as a DisputeOverride (episodeRef is mapped to its key there). */
export interface OverrideRequest {
  episodeRef: string;
  component: Component;
  amount: Dec;
}

/**
 * The overrides an UPHELD dispute records (rebate-rules section 8): the disputed line's episode
 * component owes the agreed amount from then on; a whole-statement dispute sets every episode
 * component on the statement to 0. Empty for an open or denied dispute.
 */
export function overridesOf(dispute: Dispute, lines: readonly StatementLine[]): OverrideRequest[] {
  const resolution = dispute.resolution;
  if (resolution?.outcome !== 'UPHELD') return [];
  const scope = dispute.scope;
  const targets = scope.kind === 'LINE' ? lines.filter((l) => l.lineId === scope.lineId) : lines;
  const unique = new Map<string, OverrideRequest>();
  for (const l of targets) {
    unique.set(`${l.episodeRef}\u0000${l.component}`, {
      episodeRef: l.episodeRef,
      component: l.component,
      amount: resolution.agreedAmount,
    });
  }
  return [...unique.values()].sort(
    (a, b) => compareText(a.episodeRef, b.episodeRef) || compareComponents(a.component, b.component),
  );
}

/** Aging buckets of open disputes. */
export const DISPUTE_AGING_BUCKETS = [
  { bucket: 'DAYS_0_30', label: '0-30 days', maxDays: 30 },
  { bucket: 'DAYS_31_60', label: '31-60 days', maxDays: 60 },
  { bucket: 'OVER_60', label: 'More than 60 days', maxDays: Infinity },
] as const;
export type DisputeAgingBucket = (typeof DISPUTE_AGING_BUCKETS)[number]['bucket'];

/** The bucket of a dispute open for `ageDays` days (disputeAgeDays: day of opening = 0). */
export function disputeAgingBucket(ageDays: number): DisputeAgingBucket {
  return bracketOf(ageDays).bucket;
}

/** The bracket of `ageDays` in words, e.g. "31-60 days". */
export function disputeAgingLabel(ageDays: number): string {
  return bracketOf(ageDays).label;
}

function bracketOf(ageDays: number): (typeof DISPUTE_AGING_BUCKETS)[number] {
  return DISPUTE_AGING_BUCKETS.find((b) => ageDays <= b.maxDays)!;
}
