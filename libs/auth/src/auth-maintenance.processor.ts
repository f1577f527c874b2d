import { Processor } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobProcessor, QueueName, type JobHandlers } from '@lib/queue';
import { FORGET_AFTER_SECONDS } from './login-throttle';

/** Housekeeping for auth: throttling rows forgotten anyway (no attempt for FORGET_AFTER_SECONDS). */
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
        WHERE (next_attempt_at IS NULL OR next_attempt_at < now())
          AND (last_attempt_at IS NULL OR last_attempt_at < now() - make_interval(secs => $1))`,
      [FORGET_AFTER_SECONDS],
    );
    return { purged: result[1] };
  }
}
