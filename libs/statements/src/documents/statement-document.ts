import { compareDates, plainLabel, quarterEnd, quarterStart, type Dec, type IsoDate } from '@lib/common';
import { isPriorPeriodAdjustment } from '@lib/ledger';
import { formatNdc11 } from '@lib/reference';
import {
  disputeStatus,
  isStatementOverdue,
  type Dispute,
  type InterestResult,
  type Payment,
  type StatementBalances,
  type StatementLine,
  type StatementStatus,
  type StatementTotals,
} from '../rules';

/** The state Medicaid agency's remittance details (medicaid_agency, migration 1764400002000). */
export interface MedicaidAgency {
  agencyName: string;
  remitAttention: string;
  addressLines: string[];
  email: string | null;
  phone: string | null;
  /** Seeded placeholder details, not a real remittance address. */
  illustrative: boolean;
}

/**
 * What a statement document is built from: the statement's account as the statements service
 * computes it (lines in statement order, totals, balances and interest as of a day: the same
 * figures GraphQL shows), its disputes, and who bills whom.
 */
export interface StatementDocumentInput {
  statement: {
    number: string;
    stateCode: string;
    labelerCode: string;
    quarter: string;
    status: StatementStatus;
    issuedOn: IsoDate | null;
    dueOn: IsoDate | null;
  };
  asOf: IsoDate;
  /** In statement order (compareStatementLines): line numbers are positions in it, from 1. */
  lines: readonly StatementLine[];
  totals: StatementTotals;
  balances: StatementBalances;
  interest: InterestResult | null;
  interestStartsOn: IsoDate | null;
  interestProblem: string | null;
  payments: readonly Payment[];
  /** Excess of overpayments kept as credits for the next statement. */
  credits?: readonly DocumentCredit[];
  disputes: readonly Dispute[];
  stateName: string;
  manufacturerLegalName: string;
  /** Null when the reference table has no agency for the state: the document says so. */
  agency: MedicaidAgency | null;
}

export interface DocumentCredit {
  receivedOn: IsoDate;
  reference: string;
  amount: Dec;
}

export interface DocumentLine {
  lineNumber: number;
  lineId: string;
  product: string;
  ndc11: string;
  /** 5-4-2 with hyphens, for people. */
  ndc: string;
  episodeRef: string;
  administrationDate: IsoDate;
  component: string;
  componentLabel: string;
  serviceQuarter: string;
  priorPeriodAdjustment: boolean;
  cause: string;
  causeLabel: string;
  amount: Dec;
}

export interface LabelledAmount {
  code: string;
  label: string;
  amount: Dec;
}

export interface PartyBlock {
  heading: string;
  name: string;
  lines: string[];
}

export interface DocumentDispute {
  openedOn: IsoDate;
  /** "Line 3" or "Whole statement". */
  scope: string;
  code: string;
  codeLabel: string;
  status: string;
  statusLabel: string;
  note: string;
}

/**
 * One statement document (README "Portal"): everything the HTML page, the
 * PDF and the workbook show, computed once, so the three never differ from each other or from
 * the CSV (which is written from the same lines). Amounts stay exact `Dec`; each renderer only
 * formats them. Zero rows are left out of the totals (README "Portal").
 */
export interface StatementDocument {
  title: string;
  statementNumber: string;
  stateCode: string;
  stateName: string;
  labelerCode: string;
  manufacturerLegalName: string;
  quarter: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: StatementStatus;
  statusLabel: string;
  issuedOn: IsoDate | null;
  dueOn: IsoDate | null;
  asOf: IsoDate;
  /** Issued, a balance still outstanding and the due date passed on the as-of date. */
  overdue: boolean;
  issuer: PartyBlock;
  remitTo: PartyBlock;
  billTo: PartyBlock;
  /** Label/value pairs of the heading table, in order. */
  facts: { label: string; value: string }[];
  lines: DocumentLine[];
  byComponent: LabelledAmount[];
  byCause: LabelledAmount[];
  currentPeriod: Dec;
  priorPeriodByServiceQuarter: { serviceQuarter: string; amount: Dec }[];
  priorPeriod: Dec;
  total: Dec;
  lineCount: number;
  balances: {
    billed: Dec;
    paid: Dec;
    disputed: Dec;
    upheld: Dec;
    outstanding: Dec;
    outstandingUndisputed: Dec;
  };
  /** Null for a draft or when the rate table has a gap (`interestNote` says why). */
  interest: Dec | null;
  interestStartsOn: IsoDate | null;
  interestNote: string | null;
  payments: Payment[];
  credits: DocumentCredit[];
  disputes: DocumentDispute[];
}

function remitToBlock(input: StatementDocumentInput): PartyBlock {
  const { agency } = input;
  const heading = 'Remit to';
  if (agency === null) {
    return {
      heading,
      name: `${input.stateName} Medicaid agency`,
      lines: ['Remittance details: ask the state Medicaid agency (none on file)'],
    };
  }
  const contact = [agency.email, agency.phone].filter((x): x is string => !!x);
  return {
    heading,
    name: agency.agencyName,
    lines: [agency.remitAttention, ...agency.addressLines, ...(contact.length ? [contact.join(' · ')] : [])],
  };
}

function nonZero(rows: { code: string; amount: Dec }[], kind: 'component' | 'cause'): LabelledAmount[] {
  return rows.filter((r) => !r.amount.isZero()).map((r) => ({ ...r, label: plainLabel(kind, r.code) }));
}

/** Builds the one document model every statement format renders (pure). */
export function buildStatementDocument(input: StatementDocumentInput): StatementDocument {
  const { statement, totals, balances } = input;
  const numberOf = new Map(input.lines.map((l, i) => [l.lineId, i + 1]));
  const lines: DocumentLine[] = input.lines.map((l, i) => ({
    lineNumber: i + 1,
    lineId: l.lineId,
    product: l.product,
    ndc11: l.ndc11,
    ndc: l.ndc11 ? formatNdc11(l.ndc11) : '',
    episodeRef: l.episodeRef,
    administrationDate: l.administrationDate,
    component: l.component,
    componentLabel: plainLabel('component', l.component),
    serviceQuarter: l.serviceQuarter,
    priorPeriodAdjustment: isPriorPeriodAdjustment(l.serviceQuarter, statement.quarter),
    cause: l.cause,
    causeLabel: plainLabel('cause', l.cause),
    amount: l.amount,
  }));
  const periodStart = quarterStart(statement.quarter);
  const periodEnd = quarterEnd(statement.quarter);
  const statusLabel = plainLabel('statementStatus', statement.status);
  const overdue = isStatementOverdue(statement.dueOn, input.asOf, balances.outstanding);
  const interestNote =
    statement.issuedOn === null
      ? 'No interest on a draft'
      : input.interestProblem !== null
        ? `Not computed: ${input.interestProblem}`
        : null;
  return {
    title: `Rebate statement ${statement.number}`,
    statementNumber: statement.number,
    stateCode: statement.stateCode,
    stateName: input.stateName,
    labelerCode: statement.labelerCode,
    manufacturerLegalName: input.manufacturerLegalName,
    quarter: statement.quarter,
    periodStart,
    periodEnd,
    status: statement.status,
    statusLabel,
    issuedOn: statement.issuedOn,
    dueOn: statement.dueOn,
    asOf: input.asOf,
    overdue,
    issuer: {
      heading: 'Issued by',
      name: input.agency?.agencyName ?? `${input.stateName} Medicaid agency`,
      lines: ['Under the Cell and Gene Therapy Access Model (CMS)', `State: ${input.stateName}`],
    },
    remitTo: remitToBlock(input),
    billTo: {
      heading: 'Bill to',
      name: input.manufacturerLegalName,
      lines: [`Labeler code ${statement.labelerCode}`],
    },
    facts: [
      { label: 'Statement number', value: statement.number },
      { label: 'Status', value: overdue ? `${statusLabel} (overdue)` : statusLabel },
      { label: 'State', value: `${input.stateName} (${statement.stateCode})` },
      { label: 'Manufacturer', value: `${input.manufacturerLegalName}, labeler code ${statement.labelerCode}` },
      { label: 'Period', value: `${statement.quarter}: ${periodStart} to ${periodEnd}` },
      { label: 'Issue date', value: statement.issuedOn ?? 'Not issued (draft)' },
      { label: 'Due date', value: statement.dueOn ?? '-' },
      { label: 'Balances as of', value: input.asOf },
    ],
    lines,
    byComponent: nonZero(
      totals.byComponent.map((c) => ({ code: c.component, amount: c.amount })),
      'component',
    ),
    byCause: nonZero(
      totals.byCause.map((c) => ({ code: c.cause, amount: c.amount })),
      'cause',
    ),
    currentPeriod: totals.currentPeriod,
    priorPeriodByServiceQuarter: totals.priorPeriodByServiceQuarter.filter((p) => !p.amount.isZero()),
    priorPeriod: totals.priorPeriod,
    total: totals.total,
    lineCount: totals.lineCount,
    balances: {
      billed: balances.total,
      paid: balances.paid,
      disputed: balances.disputed,
      upheld: balances.upheld,
      outstanding: balances.outstanding,
      outstandingUndisputed: balances.outstandingUndisputed,
    },
    interest: input.interest?.interest ?? null,
    interestStartsOn: input.interestStartsOn,
    interestNote,
    payments: [...input.payments].sort((a, b) => compareDates(a.receivedOn, b.receivedOn)),
    credits: [...(input.credits ?? [])],
    disputes: input.disputes.map((d) => {
      const status = disputeStatus(d);
      const scope =
        d.scope.kind === 'LINE'
          ? numberOf.has(d.scope.lineId)
            ? `Line ${numberOf.get(d.scope.lineId)}`
            : `Line ${d.scope.lineId}`
          : 'Whole statement';
      return {
        openedOn: d.openedOn,
        scope,
        code: d.code,
        codeLabel: plainLabel('disputeCode', d.code),
        status,
        statusLabel: plainLabel('disputeStatus', status),
        note: d.note,
      };
    }),
  };
}

export { isStatementOverdue };
