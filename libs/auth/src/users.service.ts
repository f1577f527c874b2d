import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  forbidden,
  isCoordinator,
  paginateQuery,
  readsEverything,
  Role,
  validationFailed,
  type Actor,
  type ConnectionShape,
  type FieldViolation,
  type PageArgs,
} from '@lib/common';
import { AuthError, AuthErrorCode } from './auth.errors';
import { hashPassword } from './password-hasher';
import { UserEntity } from './user.entity';

export interface CreateUserCommand {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  stateCode?: string | null;
  manufacturerId?: string | null;
}

/** What the audit trail may keep of a user (never the hash). */
function auditView(user: UserEntity) {
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    stateCode: user.stateCode,
    manufacturerId: user.manufacturerId,
    disabledAt: user.disabledAt,
  };
}

/** Coordinators create and disable users; everybody reads themselves. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async me(actor: Actor): Promise<UserEntity> {
    return this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: actor.userId ?? '' });
  }

  async list(actor: Actor, page: PageArgs): Promise<ConnectionShape<UserEntity>> {
    if (!readsEverything(actor)) throw forbidden('Only coordinators and auditors list users');
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    return paginateQuery(qb, page, { columns: ['u.email'], valuesOf: (u) => [u.email] });
  }

  async create(actor: Actor, command: CreateUserCommand): Promise<UserEntity> {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators create users');
    const email = command.email.trim().toLowerCase();
    const stateCode = command.stateCode?.toUpperCase() ?? null;
    const manufacturerId = command.manufacturerId ?? null;
    await this.checkScope(command.role, stateCode, manufacturerId);
    const passwordHash = await hashPassword(command.password);
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager.existsBy(UserEntity, { email });
      if (taken) throw new AuthError(AuthErrorCode.EMAIL_TAKEN, `A user with email ${email} already exists`);
      const user = manager.create(UserEntity, {
        email,
        displayName: command.displayName.trim(),
        role: command.role,
        stateCode: command.role === Role.STATE_STAFF ? stateCode : null,
        manufacturerId: command.role === Role.MANUFACTURER_STAFF ? manufacturerId : null,
        passwordHash,
        disabledAt: null,
        lastLoginAt: null,
      });
      const saved = await manager.save(user);
      await this.audit.record(manager, actor, {
        action: 'user.created',
        entityType: 'User',
        entityId: saved.id,
        after: auditView(saved),
        stateCode: saved.stateCode,
        manufacturerId: saved.manufacturerId,
      });
      return saved;
    });
  }

  async setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<UserEntity> {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators disable or enable users');
    if (disabled && actor.userId === userId) {
      throw new AuthError(AuthErrorCode.CANNOT_DISABLE_SELF, 'You cannot disable yourself');
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new AuthError(AuthErrorCode.USER_NOT_FOUND, `User ${userId} was not found`);
      const before = auditView(user);
      if (Boolean(user.disabledAt) === disabled) return user;
      user.disabledAt = disabled ? new Date() : null;
      user.updatedAt = new Date();
      const saved = await manager.save(user);
      await this.audit.record(manager, actor, {
        action: disabled ? 'user.disabled' : 'user.enabled',
        entityType: 'User',
        entityId: user.id,
        before,
        after: auditView(saved),
        stateCode: user.stateCode,
        manufacturerId: user.manufacturerId,
      });
      return saved;
    });
  }

  private async checkScope(role: Role, stateCode: string | null, manufacturerId: string | null): Promise<void> {
    const violations: FieldViolation[] = [];
    if (role === Role.STATE_STAFF) {
      if (!stateCode) violations.push({ path: 'input.stateCode', message: 'state staff must be bound to a state' });
      else if (!(await this.exists('SELECT 1 FROM jurisdiction WHERE usps_code = $1', stateCode))) {
        violations.push({ path: 'input.stateCode', message: `unknown state ${stateCode}` });
      }
    } else if (stateCode) {
      violations.push({ path: 'input.stateCode', message: `only STATE_STAFF are bound to a state, not ${role}` });
    }
    if (role === Role.MANUFACTURER_STAFF) {
      if (!manufacturerId)
        violations.push({
          path: 'input.manufacturerId',
          message: 'manufacturer staff must be bound to a manufacturer',
        });
      else if (!(await this.exists('SELECT 1 FROM manufacturer WHERE id = $1', manufacturerId))) {
        violations.push({ path: 'input.manufacturerId', message: `unknown manufacturer ${manufacturerId}` });
      }
    } else if (manufacturerId) {
      violations.push({
        path: 'input.manufacturerId',
        message: `only MANUFACTURER_STAFF are bound to a manufacturer, not ${role}`,
      });
    }
    if (violations.length) throw validationFailed(violations);
  }

  private async exists(sql: string, value: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(sql, [value]);
    return rows.length > 0;
  }
}
