import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import { forbidden, isCoordinator, validationFailed, type Actor, type IsoDate } from '@lib/common';
import { PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '@lib/database';
import { ReferenceDataError, ReferenceDataErrorCode } from './reference.errors';

/**
 * What every edit of reference data shares: coordinators only, a date range that does not end
 * before it starts, one transaction whose unique and overlap violations become CONFLICT errors.
 */
@Injectable()
export class ReferenceWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  requireCoordinator(actor: Actor): void {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators edit reference data');
  }

  checkRange(from: IsoDate, to: IsoDate | null): void {
    if (to !== null && to < from) {
      throw validationFailed([{ path: 'input.effectiveTo', message: 'must not be before effectiveFrom' }]);
    }
  }

  /** One transaction; unique and overlap violations become CONFLICT errors, never a 500. */
  async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const code = pgErrorCode(error);
      if (code === PG_UNIQUE_VIOLATION) {
        throw new ReferenceDataError(
          ReferenceDataErrorCode.CODE_TAKEN,
          'That code already exists (labeler code, product code or NDC must be unique)',
        );
      }
      if (code === PG_EXCLUSION_VIOLATION) {
        throw new ReferenceDataError(
          ReferenceDataErrorCode.RANGE_OVERLAP,
          'That date range overlaps an existing one for the same code',
        );
      }
      throw error;
    }
  }

  /** The row of `id`, locked for update in the edit's transaction; NOT_FOUND (`code`) without one. */
  async lockById<T extends { id: string }>(
    manager: EntityManager,
    entity: EntityTarget<T>,
    id: string,
    code: ReferenceDataErrorCode,
    what: string,
  ): Promise<T> {
    const where = { id } as FindOptionsWhere<T>;
    const found = await manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
    if (!found) throw new ReferenceDataError(code, `${what} ${id} was not found`);
    return found;
  }
}
