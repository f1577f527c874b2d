import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, compareDates, dec, quarterEnd, roundCents, type Actor } from '@lib/common';
import {
  DisputesService,
  InterestRatesService,
  StatementPaymentsService,
  StatementReader,
  StatementWorkflowService,
  type StatementEntity,
} from '@lib/statements';

/** The quarters of the demo claims whose statements the demo issues (when they have ended). */
export const DEMO_ISSUED_QUARTERS = ['2026Q1', '2026Q2'];
export const DEMO_INTEREST_RATE = { effectiveFrom: '2025-01-01', annualRate: '0.0825' };
export const DEMO_PAYMENT_REFERENCE = 'DEMO-WIRE-0001';
/** The manufacturer whose statement the demo disputes (Vertex, Casgevy). */
export const DEMO_DISPUTING_LABELER = '51167';
const DEMO_DISPUTE_LETTER = [
  'Vertex Pharmaceuticals - rebate dispute',
  'The administration on this line was also billed by the managed-care plan under another ICN;',
  'the rebate is claimed twice for one treatment (MDRP code M, duplicate).',
].join('\n');

/**
 * Statements in the demo (README "Statements and payments"): an interest rate table, the first two quarters' statements issued by the
 * coordinator, a partial payment on the first statement that bills something, and one open
 * dispute (code M, with a supporting letter) by the manufacturer on a line of another one.
 */
@Injectable()
export class DemoStatementsSeeder {
  private readonly logger = new Logger(DemoStatementsSeeder.name);

  constructor(
    private readonly workflow: StatementWorkflowService,
    private readonly rates: InterestRatesService,
    private readonly payments: StatementPaymentsService,
    private readonly disputes: DisputesService,
    private readonly reader: StatementReader,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `manufacturer` is a staff member of the DEMO_DISPUTING_LABELER's manufacturer. */
  /** Returns what it did, in words. */
  async seed(coordinator: Actor, manufacturer: Actor): Promise<string> {
    await this.rates.set(coordinator, {
      effectiveFrom: DEMO_INTEREST_RATE.effectiveFrom,
      annualRate: dec(DEMO_INTEREST_RATE.annualRate),
      note: 'Demo rate',
    });
    const today = this.clock.today();
    const issued = [];
    for (const quarter of DEMO_ISSUED_QUARTERS.filter((q) => compareDates(quarterEnd(q), today) < 0)) {
      issued.push(...(await this.workflow.issueQuarter(coordinator, { quarter })));
    }
    const billed = issued.find((s) => s.total?.greaterThan(0));
    if (billed) {
      await this.payments.record(coordinator, {
        statementId: billed.id,
        amount: roundCents(billed.total!.dividedBy(2)),
        receivedOn: today,
        reference: DEMO_PAYMENT_REFERENCE,
      });
    }
    const disputed = await this.seedDispute(manufacturer, issued, billed);
    const done = `issued ${issued.length} statements; recorded ${billed ? 1 : 0} payment; opened ${disputed ? 1 : 0} dispute`;
    this.logger.log(done);
    return done;
  }

  /** Disputes the largest positive line of an issued statement of the labeler (not the paid one if possible). */
  private async seedDispute(
    manufacturer: Actor,
    issued: StatementEntity[],
    paid: StatementEntity | undefined,
  ): Promise<boolean> {
    const candidates = issued
      .filter((s) => s.labelerCode === DEMO_DISPUTING_LABELER && s.total?.greaterThan(0))
      .sort((a, b) => Number(a.id === paid?.id) - Number(b.id === paid?.id));
    const statement = candidates[0];
    if (!statement) return false;
    const lines = await this.reader.lines(this.dataSource.manager, statement);
    const line = lines.filter((l) => l.amount.greaterThan(0)).sort((a, b) => b.amount.comparedTo(a.amount))[0];
    if (!line) return false;
    await this.disputes.open(manufacturer, {
      statementId: statement.id,
      ledgerEntryId: line.lineId,
      code: 'M',
      note: 'Duplicate: the same administration is billed twice (fee-for-service and managed care).',
      documents: [
        {
          fileName: 'dispute-letter.txt',
          contentType: 'text/plain',
          content: Buffer.from(DEMO_DISPUTE_LETTER),
        },
      ],
    });
    return true;
  }
}
