import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { NegotiationService, ParticipationService } from '@lib/agreements';
import { UserEntity, UsersService } from '@lib/auth';
import { systemActor, type Actor } from '@lib/common';
import { JurisdictionsService, ManufacturersService, ProductsService } from '@lib/reference';
import { AppConfig } from '@lib/config';
import { DemoClaimsSeeder } from './demo-claims';
import { DEMO_DISPUTING_LABELER, DemoStatementsSeeder } from './demo-statements';
import { DEMO_AGREEMENTS, demoStartDate } from './demo-agreements';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

/** Where the seeder reports each step (the demo command prints it under its banner). */
export type DemoProgress = (line: string) => void;

function interrupted(): Error {
  return new Error(
    'An earlier demo seeding stopped part-way (the database holds part of the dataset): run `npm run demo -- --reset`',
  );
}

function actorOf(user: UserEntity): Actor {
  return {
    kind: 'user',
    userId: user.id,
    role: user.role,
    label: user.email,
    stateCode: user.stateCode,
    manufacturerId: user.manufacturerId,
  };
}

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
    private readonly jurisdictions: JurisdictionsService,
    private readonly manufacturers: ManufacturersService,
    private readonly products: ProductsService,
    private readonly negotiation: NegotiationService,
    private readonly participation: ParticipationService,
    private readonly claims: DemoClaimsSeeder,
    private readonly statements: DemoStatementsSeeder,
    private readonly config: AppConfig,
  ) {}

  /** Whether the whole dataset is there (its last step, the interest rate and statements, done). */
  async isSeeded(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM app_user WHERE email = $1 AND EXISTS (SELECT 1 FROM interest_rate)`,
      [DEMO_USERS[0].email],
    );
    return rows.length > 0;
  }

  /** Both steps: accounts, then data. */
  async seed(progress: DemoProgress = () => undefined): Promise<void> {
    await this.seedAccounts(progress);
    await this.seedData(progress);
  }

  /** The demo logins, first, so people can sign in while the data is still being built. */
  async seedAccounts(progress: DemoProgress = () => undefined): Promise<void> {
    const existing = await this.existingUsers();
    if (existing.size === DEMO_USERS.length) return;
    if (existing.size > 0) throw interrupted();
    await this.seedUsers();
    progress(`seeded ${DEMO_USERS.length} demo logins`);
  }

  /** Agreements, participations, claim files through the worker, then statements and money. */
  async seedData(progress: DemoProgress = () => undefined): Promise<void> {
    if (await this.isSeeded()) {
      this.logger.log('Demo dataset already present');
      progress('demo dataset already present');
      return;
    }
    const agreementsSoFar: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM agreement`);
    if (agreementsSoFar[0].n > 0) throw interrupted();
    const users = await this.existingUsers();
    const agreementIds = await this.seedAgreements(users);
    progress(`executed ${agreementIds.length} agreements (negotiated step by step)`);
    const joined = await this.seedParticipations(agreementIds);
    progress(`opted ${joined} state participations in`);
    const coordinator = actorOf(this.demoUser(users, DEMO_USERS[0].email));
    await this.claims.seed(coordinator, join(this.config.storageDir, '..', 'demo-files'), progress);
    const vertex = DEMO_USERS.find((u) => u.labelerCode === DEMO_DISPUTING_LABELER);
    if (!vertex) throw new Error(`No demo user for labeler ${DEMO_DISPUTING_LABELER}`);
    progress(await this.statements.seed(coordinator, actorOf(this.demoUser(users, vertex.email))));
  }

  private async existingUsers(): Promise<Map<string, UserEntity>> {
    const users = await this.dataSource.getRepository(UserEntity).findBy({ email: In(DEMO_USERS.map((u) => u.email)) });
    return new Map(users.map((u) => [u.email, u]));
  }

  private async seedUsers(): Promise<void> {
    for (const user of DEMO_USERS) {
      const manufacturerId = user.labelerCode ? await this.manufacturerOf(user.labelerCode) : null;
      const saved = await this.users.create(this.actor, {
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        password: DEMO_PASSWORD,
        stateCode: user.stateCode ?? null,
        manufacturerId,
      });
      this.logger.log(`Seeded demo user ${saved.email}`);
    }
  }

  /**
   * Both executed agreements, negotiated through the real steps: the coordinator drafts,
   * the manufacturer counters, the coordinator accepts the counter, the manufacturer accepts.
   */
  private async seedAgreements(users: Map<string, UserEntity>): Promise<string[]> {
    const coordinator = actorOf(this.demoUser(users, DEMO_USERS[0].email));
    const ids: string[] = [];
    for (const demo of DEMO_AGREEMENTS) {
      const product = await this.products.productByCode(demo.productCode);
      if (!product) throw new Error(`Unknown product ${demo.productCode}`);
      const manufacturer = actorOf(this.demoUser(users, demo.manufacturerEmail));
      const { id } = await this.negotiation.draft(coordinator, {
        productId: product.id,
        terms: demo.opening,
        comment: 'CMS opening key terms',
      });
      await this.negotiation.propose(manufacturer, {
        agreementId: id,
        terms: demo.executed,
        comment: 'Counter: guaranteed rebate 10%, cap 75%, 30-day washout, tiers 12/24/36 months',
      });
      await this.negotiation.accept(coordinator, {
        agreementId: id,
        versionNumber: 2,
        comment: 'CMS accepts the counter',
      });
      await this.negotiation.accept(manufacturer, { agreementId: id, versionNumber: 2 });
      ids.push(id);
    }
    this.logger.log(`Seeded ${ids.length} executed agreements`);
    return ids;
  }

  /** The participating jurisdictions opt into both agreements on their (rolling) start dates. */
  private async seedParticipations(agreementIds: string[]): Promise<number> {
    const participants = await this.jurisdictions.listJurisdictions(
      this.actor,
      { participantsOnly: true },
      { first: 100 },
    );
    let count = 0;
    for (const [index, { node: jurisdiction }] of participants.edges.entries()) {
      const effectiveFrom = demoStartDate(index, jurisdiction.cgtStartDateKnown);
      for (const agreementId of agreementIds) {
        await this.participation.join(this.actor, {
          agreementId,
          stateCode: jurisdiction.uspsCode,
          effectiveFrom,
          comment: "Recorded by CMS on the state agency's behalf (demo)",
        });
        count += 1;
      }
    }
    this.logger.log(`Seeded ${count} state participations (${participants.edges.length} jurisdictions)`);
    return count;
  }

  private demoUser(users: Map<string, UserEntity>, email: string): UserEntity {
    const user = users.get(email);
    if (!user) throw new Error(`Demo user ${email} was not seeded`);
    return user;
  }

  private async manufacturerOf(labelerCode: string): Promise<string> {
    const id = await this.manufacturers.manufacturerIdByLabelerCode(labelerCode);
    if (!id) throw new Error(`Unknown labeler code ${labelerCode}`);
    return id;
  }
}
