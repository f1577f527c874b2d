import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '@lib/auth';
import { systemActor } from '@lib/common';
import { ReferenceService } from '@lib/reference';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

/**
 * Builds the demo dataset through the same services the API uses (never by writing tables
 * behind their back). Idempotent: a second run finds the dataset and does nothing.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);
  private readonly actor = systemActor('demo-seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly reference: ReferenceService,
  ) {}

  async isSeeded(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM app_user WHERE email = $1', [
      DEMO_USERS[0].email,
    ]);
    return rows.length > 0;
  }

  async seed(): Promise<void> {
    if (await this.isSeeded()) {
      this.logger.log('Demo dataset already present');
      return;
    }
    await this.seedUsers();
  }

  private async seedUsers(): Promise<void> {
    for (const user of DEMO_USERS) {
      const manufacturerId = user.labelerCode ? await this.manufacturerOf(user.labelerCode) : null;
      await this.users.create(this.actor, {
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        password: DEMO_PASSWORD,
        stateCode: user.stateCode ?? null,
        manufacturerId,
      });
    }
    this.logger.log(`Seeded ${DEMO_USERS.length} demo users`);
  }

  private async manufacturerOf(labelerCode: string): Promise<string> {
    const id = await this.reference.manufacturerIdByLabelerCode(labelerCode);
    if (!id) throw new Error(`Unknown labeler code ${labelerCode}`);
    return id;
  }
}
