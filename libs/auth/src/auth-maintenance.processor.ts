import { Processor } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobProcessor, QueueName, type JobHandlers } from '@lib/queue';

/** Housekeeping for auth: throttling rows whose lock and window have passed. */
@Processor(QueueName.MAINTENANCE)
export class AuthMaintenanceProcessor extends JobProcessor<QueueName.MAINTENANCE> {
  readonly queueName = QueueName.MAINTENANCE;
  protected readonly handlers: JobHandlers<QueueName.MAINTENANCE> = {
    'purge-login-throttle': () => this.purge(),
  };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private async purge(): Promise<{ purged: number }> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM login_throttle
        WHERE (locked_until IS NULL OR locked_until < now()) AND first_failure_at < now() - interval '1 day'`,
    );
    return { purged: result[1] };
  }
}
