import { Injectable, Logger } from '@nestjs/common';
import { Clock, compareDates, dec, quarterEnd, roundCents, type Actor } from '@lib/common';
import { InterestRatesService, StatementPaymentsService, StatementWorkflowService } from '@lib/statements';

/** The quarters of the demo claims whose statements the demo issues (when they have ended). */
export const DEMO_ISSUED_QUARTERS = ['2026Q1', '2026Q2'];
export const DEMO_INTEREST_RATE = { effectiveFrom: '2025-01-01', annualRate: '0.0825' };
export const DEMO_PAYMENT_REFERENCE = 'DEMO-WIRE-0001';

/**
 * Issue 5 in the demo: an interest rate table, the first two quarters' statements issued by the
 * coordinator, and a partial payment on the first statement that bills something.
 */
@Injectable()
export class DemoStatementsSeeder {
  private readonly logger = new Logger(DemoStatementsSeeder.name);

  constructor(
    private readonly workflow: StatementWorkflowService,
    private readonly rates: InterestRatesService,
    private readonly payments: StatementPaymentsService,
    private readonly clock: Clock,
  ) {}

  async seed(coordinator: Actor): Promise<void> {
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
    this.logger.log(`Issued ${issued.length} demo statements; recorded ${billed ? 1 : 0} payment`);
  }
}
