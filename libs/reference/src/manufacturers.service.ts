import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  addDays,
  groupBy,
  paginateQuery,
  type Actor,
  type ConnectionShape,
  type IsoDate,
  type PageArgs,
} from '@lib/common';
import { LabelerCodeEntity, ManufacturerEntity, ManufacturerNameEntity } from './reference.entities';
import { ReferenceDataError, ReferenceDataErrorCode } from './reference.errors';
import { ReferenceWriter } from './reference-writer';

export interface ManufacturerFilter {
  /** Only the manufacturer holding this labeler code. */
  labelerCode?: string;
}

export interface CreateManufacturerCommand {
  legalName: string;
  effectiveFrom: IsoDate;
  labelerCode: string;
}

export interface AddManufacturerNameCommand {
  manufacturerId: string;
  legalName: string;
  effectiveFrom: IsoDate;
  comment?: string | null;
}

/**
 * The legal name in force on `date` among one manufacturer's names (labeler names change:
 * docs/rules/domain.md "Products").
 */
export function legalNameOn(names: ManufacturerNameEntity[], date: IsoDate): string | null {
  const match = names.find((n) => n.effectiveFrom <= date && (n.effectiveTo === null || n.effectiveTo >= date));
  return match?.legalName ?? null;
}

/**
 * Manufacturers, their legal names over time and their labeler codes: read by everyone signed
 * in; only coordinators edit them, each edit audited in its own transaction.
 */
@Injectable()
export class ManufacturersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly writer: ReferenceWriter,
  ) {}

  async listManufacturers(
    _actor: Actor,
    page: PageArgs,
    filter: ManufacturerFilter = {},
  ): Promise<ConnectionShape<ManufacturerEntity>> {
    const qb = this.dataSource.getRepository(ManufacturerEntity).createQueryBuilder('m');
    if (filter.labelerCode) {
      qb.andWhere('EXISTS (SELECT 1 FROM labeler_code l WHERE l.manufacturer_id = m.id AND l.code = :labelerCode)', {
        labelerCode: filter.labelerCode,
      });
    }
    return paginateQuery(qb, page, { columns: ['m.id'], valuesOf: (m) => [m.id] });
  }

  async manufacturersByIds(ids: readonly string[]): Promise<ManufacturerEntity[]> {
    return this.dataSource.getRepository(ManufacturerEntity).findBy({ id: In([...ids]) });
  }

  /** Every legal name of each manufacturer, oldest first. */
  async namesOf(manufacturerIds: readonly string[]): Promise<Map<string, ManufacturerNameEntity[]>> {
    const rows = await this.dataSource
      .getRepository(ManufacturerNameEntity)
      .find({ where: { manufacturerId: In([...manufacturerIds]) }, order: { effectiveFrom: 'ASC' } });
    return groupBy(rows, (r) => r.manufacturerId);
  }

  async legalNameOf(manufacturerId: string, date: IsoDate): Promise<string | null> {
    return legalNameOn((await this.namesOf([manufacturerId])).get(manufacturerId) ?? [], date);
  }

  async labelerCodesOf(manufacturerIds: readonly string[]): Promise<Map<string, LabelerCodeEntity[]>> {
    const rows = await this.dataSource
      .getRepository(LabelerCodeEntity)
      .find({ where: { manufacturerId: In([...manufacturerIds]) }, order: { code: 'ASC' } });
    return groupBy(rows, (r) => r.manufacturerId);
  }

  /** The manufacturer that owns a labeler code (manufacturers are keyed on labeler code). */
  async manufacturerIdByLabelerCode(code: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(LabelerCodeEntity).findOneBy({ code });
    return row?.manufacturerId ?? null;
  }

  async createManufacturer(actor: Actor, command: CreateManufacturerCommand): Promise<ManufacturerEntity> {
    this.writer.requireCoordinator(actor);
    return this.writer.write(async (manager) => {
      const manufacturer = await manager.save(manager.create(ManufacturerEntity, {}));
      await manager.insert(ManufacturerNameEntity, {
        manufacturerId: manufacturer.id,
        legalName: command.legalName.trim(),
        effectiveFrom: command.effectiveFrom,
        effectiveTo: null,
      });
      await manager.insert(LabelerCodeEntity, { code: command.labelerCode, manufacturerId: manufacturer.id });
      await this.audit.record(manager, actor, {
        action: 'manufacturer.created',
        entityType: 'Manufacturer',
        entityId: manufacturer.id,
        manufacturerId: manufacturer.id,
        after: command,
      });
      return manufacturer;
    });
  }

  /**
   * A new legal name from `effectiveFrom`; the name in force until then ends the day before
   * (bluebird bio -> Genetix). Statements dated earlier keep showing the old name.
   */
  async addManufacturerName(actor: Actor, command: AddManufacturerNameCommand): Promise<ManufacturerNameEntity> {
    this.writer.requireCoordinator(actor);
    return this.writer.write(async (manager) => {
      await this.lockManufacturer(manager, command.manufacturerId);
      const current = await manager.findOne(ManufacturerNameEntity, {
        where: { manufacturerId: command.manufacturerId },
        order: { effectiveFrom: 'DESC' },
      });
      if (current && current.effectiveFrom >= command.effectiveFrom) {
        throw new ReferenceDataError(
          ReferenceDataErrorCode.NAME_NOT_AFTER_CURRENT,
          `The new name must take effect after the current one (in force from ${current.effectiveFrom})`,
          [{ path: 'input.effectiveFrom', message: `must be after ${current.effectiveFrom}` }],
        );
      }
      const before = current ? { ...current } : null;
      if (current && (current.effectiveTo === null || current.effectiveTo >= command.effectiveFrom)) {
        current.effectiveTo = addDays(command.effectiveFrom, -1);
        await manager.save(current);
      }
      const created = await manager.save(
        manager.create(ManufacturerNameEntity, {
          manufacturerId: command.manufacturerId,
          legalName: command.legalName.trim(),
          effectiveFrom: command.effectiveFrom,
          effectiveTo: null,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'manufacturer.name.added',
        entityType: 'Manufacturer',
        entityId: command.manufacturerId,
        manufacturerId: command.manufacturerId,
        before,
        after: created,
        comment: command.comment ?? null,
      });
      return created;
    });
  }

  async addLabelerCode(actor: Actor, manufacturerId: string, code: string): Promise<LabelerCodeEntity> {
    this.writer.requireCoordinator(actor);
    return this.writer.write(async (manager) => {
      await this.lockManufacturer(manager, manufacturerId);
      const row = manager.create(LabelerCodeEntity, { code, manufacturerId });
      await manager.insert(LabelerCodeEntity, row);
      await this.audit.record(manager, actor, {
        action: 'manufacturer.labeler_code.added',
        entityType: 'Manufacturer',
        entityId: manufacturerId,
        manufacturerId,
        after: row,
      });
      return row;
    });
  }

  private lockManufacturer(manager: EntityManager, id: string): Promise<ManufacturerEntity> {
    return this.writer.lockById(
      manager,
      ManufacturerEntity,
      id,
      ReferenceDataErrorCode.MANUFACTURER_NOT_FOUND,
      'Manufacturer',
    );
  }
}
