import { Processor } from '@nestjs/bullmq';
import { JobProcessor, QueueName, type JobHandlers } from '@lib/queue';
import { StatementWorkflowService } from './statement-workflow.service';

/**
 * The automatic quarter close (README "Statements and payments"): on its schedule, issues every DRAFT statement whose
 * quarter ended STATEMENT_AUTO_ISSUE_DAYS or more days ago (none when STATEMENT_AUTO_ISSUE=false).
 * Its own queue rather than MAINTENANCE: a queue's jobs go to any processor listening on it, and
 * the auth processor there does not know this job.
 */
@Processor(QueueName.STATEMENTS)
export class StatementsProcessor extends JobProcessor<QueueName.STATEMENTS> {
  readonly queueName = QueueName.STATEMENTS;
  protected readonly handlers: JobHandlers<QueueName.STATEMENTS> = {
    'issue-due-statements': () => this.issueDue(),
  };

  constructor(private readonly workflow: StatementWorkflowService) {
    super();
  }

  private async issueDue(): Promise<{ issued: string[] }> {
    const issued = await this.workflow.issueDueDrafts();
    return { issued: issued.map((s) => s.number) };
  }
}
