import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  addDays,
  ErrorCategory,
  forbidden,
  isCoordinator,
  paginateQuery,
  validationFailed,
  type Actor,
  type ConnectionShape,
  type IsoDate,
  type PageArgs,
} from '@lib/common';
import { PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '@lib/database';
import { normalizeNdc } from './ndc';
import {
  JurisdictionEntity,
  LabelerCodeEntity,
  ManufacturerEntity,
  ManufacturerNameEntity,
  ProductEntity,
  ProductHcpcsEntity,
  ProductNdcEntity,
} from './reference.entities';
import { ReferenceError, ReferenceErrorCode } from './reference.errors';

export interface JurisdictionFilter {
  participantsOnly?: boolean;
}

export interface ProductFilter {
  manufacturerId?: string;
}

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

export interface CreateProductCommand {
  code: string;
  brandName: string;
  genericName: string;
  labelerCode: string;
  billingUnit: string;
  oneTreatmentPerLifetime: boolean;
}

export interface UpdateProductCommand {
  productId: string;
  brandName?: string;
  genericName?: string;
  billingUnit?: string;
  oneTreatmentPerLifetime?: boolean;
}

export interface AddProductNdcCommand {
  productId: string;
  ndc: string;
  packageLevel: 'PACKAGE' | 'INNER';
  description?: string | null;
}

export interface UpdateProductNdcCommand {
  ndc: string;
  packageLevel?: 'PACKAGE' | 'INNER';
  description?: string | null;
}

export interface AddProductHcpcsCommand {
  productId: string;
  hcpcsCode: string;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate | null;
}

/**
 * The legal name in force on `date` among one manufacturer's names (labeler names change:
 * docs/rules/domain.md "Products").
 */
export function legalNameOn(names: ManufacturerNameEntity[], date: IsoDate): string | null {
  const match = names.find((n) => n.effectiveFrom <= date && (n.effectiveTo === null || n.effectiveTo >= date));
  return match?.legalName ?? null;
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

/**
 * Reference data: jurisdictions, manufacturers (names over time, labeler codes) and products
 * (NDCs, HCPCS). Everyone signed in reads these public facts; only coordinators edit them, and
 * every edit is audited in its own transaction.
 */
@Injectable()
export class ReferenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- jurisdictions ----

  async listJurisdictions(
    _actor: Actor,
    filter: JurisdictionFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<JurisdictionEntity>> {
    const qb = this.dataSource.getRepository(JurisdictionEntity).createQueryBuilder('j');
    if (filter.participantsOnly) qb.andWhere('j.cgt_participant');
    return paginateQuery(qb, page, { columns: ['j.usps_code'], valuesOf: (j) => [j.uspsCode] });
  }

  /**
   * A jurisdiction by USPS code (`NY`), FIPS code (`36`) or alternate T-MSIS submitter code
   * (`97` -> PA), domain.md "States".
   */
  async findJurisdiction(code: string): Promise<JurisdictionEntity | null> {
    const value = code.trim().toUpperCase();
    const qb = this.dataSource.getRepository(JurisdictionEntity).createQueryBuilder('j');
    if (/^[A-Z]{2}$/.test(value)) return qb.where('j.usps_code = :value', { value }).getOne();
    if (!/^\d{2}$/.test(value)) return null;
    return qb
      .where('j.fips_code = :value OR :value = ANY(j.alternate_submitter_codes)', { value })
      .orderBy('j.fips_code = :value', 'DESC')
      .getOne();
  }

  async jurisdictionsByCodes(codes: readonly string[]): Promise<JurisdictionEntity[]> {
    return this.dataSource.getRepository(JurisdictionEntity).findBy({ uspsCode: In([...codes]) });
  }

  async updateJurisdictionName(actor: Actor, uspsCode: string, name: string): Promise<JurisdictionEntity> {
    this.requireCoordinator(actor);
    return this.dataSource.transaction(async (manager) => {
      const jurisdiction = await manager.findOne(JurisdictionEntity, {
        where: { uspsCode: uspsCode.toUpperCase() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!jurisdiction) {
        throw new ReferenceError(
          ErrorCategory.NOT_FOUND,
          ReferenceErrorCode.JURISDICTION_NOT_FOUND,
          `Jurisdiction ${uspsCode} was not found`,
        );
      }
      const before = { name: jurisdiction.name };
      jurisdiction.name = name.trim();
      jurisdiction.updatedAt = new Date();
      const saved = await manager.save(jurisdiction);
      await this.audit.record(manager, actor, {
        action: 'jurisdiction.renamed',
        entityType: 'Jurisdiction',
        entityId: saved.uspsCode,
        stateCode: saved.uspsCode,
        before,
        after: { name: saved.name },
      });
      return saved;
    });
  }

  // ---- manufacturers ----

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
    this.requireCoordinator(actor);
    return this.write(async (manager) => {
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
    this.requireCoordinator(actor);
    return this.write(async (manager) => {
      await this.lockManufacturer(manager, command.manufacturerId);
      const current = await manager.findOne(ManufacturerNameEntity, {
        where: { manufacturerId: command.manufacturerId },
        order: { effectiveFrom: 'DESC' },
      });
      if (current && current.effectiveFrom >= command.effectiveFrom) {
        throw new ReferenceError(
          ErrorCategory.BAD_USER_INPUT,
          ReferenceErrorCode.NAME_NOT_AFTER_CURRENT,
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
    this.requireCoordinator(actor);
    return this.write(async (manager) => {
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

  // ---- products ----

  async listProducts(_actor: Actor, filter: ProductFilter, page: PageArgs): Promise<ConnectionShape<ProductEntity>> {
    const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p');
    if (filter.manufacturerId) qb.andWhere('p.manufacturer_id = :m', { m: filter.manufacturerId });
    return paginateQuery(qb, page, { columns: ['p.code'], valuesOf: (p) => [p.code] });
  }

  async productsByIds(ids: readonly string[]): Promise<ProductEntity[]> {
    return this.dataSource.getRepository(ProductEntity).findBy({ id: In([...ids]) });
  }

  async productById(id: string): Promise<ProductEntity | null> {
    return this.dataSource.getRepository(ProductEntity).findOneBy({ id });
  }

  async productByCode(code: string): Promise<ProductEntity | null> {
    return this.dataSource.getRepository(ProductEntity).findOneBy({ code });
  }

  async ndcsOf(productIds: readonly string[]): Promise<Map<string, ProductNdcEntity[]>> {
    const rows = await this.dataSource
      .getRepository(ProductNdcEntity)
      .find({ where: { productId: In([...productIds]) }, order: { ndc11: 'ASC' } });
    return groupBy(rows, (r) => r.productId);
  }

  async hcpcsOf(productIds: readonly string[]): Promise<Map<string, ProductHcpcsEntity[]>> {
    const rows = await this.dataSource
      .getRepository(ProductHcpcsEntity)
      .find({ where: { productId: In([...productIds]) }, order: { effectiveFrom: 'ASC' } });
    return groupBy(rows, (r) => r.productId);
  }

  async createProduct(actor: Actor, command: CreateProductCommand): Promise<ProductEntity> {
    this.requireCoordinator(actor);
    return this.write(async (manager) => {
      const labeler = await manager.findOneBy(LabelerCodeEntity, { code: command.labelerCode });
      if (!labeler) {
        throw validationFailed([{ path: 'input.labelerCode', message: `unknown labeler code ${command.labelerCode}` }]);
      }
      const product = await manager.save(
        manager.create(ProductEntity, {
          ...command,
          brandName: command.brandName.trim(),
          genericName: command.genericName.trim(),
          manufacturerId: labeler.manufacturerId,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'product.created',
        entityType: 'Product',
        entityId: product.id,
        manufacturerId: product.manufacturerId,
        after: product,
      });
      return product;
    });
  }

  async updateProduct(actor: Actor, command: UpdateProductCommand): Promise<ProductEntity> {
    this.requireCoordinator(actor);
    return this.write(async (manager) => {
      const product = await this.lockProduct(manager, command.productId);
      const before = { ...product };
      if (command.brandName !== undefined) product.brandName = command.brandName.trim();
      if (command.genericName !== undefined) product.genericName = command.genericName.trim();
      if (command.billingUnit !== undefined) product.billingUnit = command.billingUnit;
      if (command.oneTreatmentPerLifetime !== undefined)
        product.oneTreatmentPerLifetime = command.oneTreatmentPerLifetime;
      const saved = await manager.save(product);
      await this.audit.record(manager, actor, {
        action: 'product.updated',
        entityType: 'Product',
        entityId: saved.id,
        manufacturerId: saved.manufacturerId,
        before,
        after: saved,
      });
      return saved;
    });
  }

  /** Adds an NDC as labeled; it is stored normalised to NDC-11 too (domain.md). */
  async addProductNdc(actor: Actor, command: AddProductNdcCommand): Promise<ProductNdcEntity> {
    this.requireCoordinator(actor);
    const ndc11 = normalizeNdc(command.ndc);
    if (!ndc11) {
      throw validationFailed([
        { path: 'input.ndc', message: 'not a valid NDC (use the hyphenated labeled form or 11 digits)' },
      ]);
    }
    return this.write(async (manager) => {
      const product = await this.lockProduct(manager, command.productId);
      if (ndc11.slice(0, 5) !== product.labelerCode) {
        throw validationFailed([
          { path: 'input.ndc', message: `the labeler segment must be the product's labeler ${product.labelerCode}` },
        ]);
      }
      const row = manager.create(ProductNdcEntity, {
        ndc11,
        productId: product.id,
        ndcAsLabeled: command.ndc.trim(),
        packageLevel: command.packageLevel,
        description: command.description ?? null,
      });
      await manager.insert(ProductNdcEntity, row);
      await this.audit.record(manager, actor, {
        action: 'product.ndc.added',
        entityType: 'Product',
        entityId: product.id,
        manufacturerId: product.manufacturerId,
        after: row,
      });
      return row;
    });
  }

  async updateProductNdc(actor: Actor, command: UpdateProductNdcCommand): Promise<ProductNdcEntity> {
    this.requireCoordinator(actor);
    const ndc11 = normalizeNdc(command.ndc);
    return this.write(async (manager) => {
      const row = ndc11
        ? await manager.findOne(ProductNdcEntity, { where: { ndc11 }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row) {
        throw new ReferenceError(
          ErrorCategory.NOT_FOUND,
          ReferenceErrorCode.NDC_NOT_FOUND,
          `NDC ${command.ndc} was not found`,
        );
      }
      const before = { ...row };
      if (command.packageLevel !== undefined) row.packageLevel = command.packageLevel;
      if (command.description !== undefined) row.description = command.description;
      const saved = await manager.save(row);
      await this.audit.record(manager, actor, {
        action: 'product.ndc.updated',
        entityType: 'Product',
        entityId: row.productId,
        before,
        after: saved,
      });
      return saved;
    });
  }

  /** An HCPCS code for a product over a date range; the same code may not overlap itself. */
  async addProductHcpcs(actor: Actor, command: AddProductHcpcsCommand): Promise<ProductHcpcsEntity> {
    this.requireCoordinator(actor);
    this.checkRange(command.effectiveFrom, command.effectiveTo ?? null);
    return this.write(async (manager) => {
      const product = await this.lockProduct(manager, command.productId);
      const row = await manager.save(
        manager.create(ProductHcpcsEntity, {
          productId: product.id,
          hcpcsCode: command.hcpcsCode,
          effectiveFrom: command.effectiveFrom,
          effectiveTo: command.effectiveTo ?? null,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'product.hcpcs.added',
        entityType: 'Product',
        entityId: product.id,
        manufacturerId: product.manufacturerId,
        after: row,
      });
      return row;
    });
  }

  /** Ends (or re-opens, with null) an HCPCS code's effective range. */
  async setProductHcpcsEnd(actor: Actor, id: string, effectiveTo: IsoDate | null): Promise<ProductHcpcsEntity> {
    this.requireCoordinator(actor);
    return this.write(async (manager) => {
      const row = await manager.findOne(ProductHcpcsEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) {
        throw new ReferenceError(ErrorCategory.NOT_FOUND, ReferenceErrorCode.HCPCS_NOT_FOUND, `HCPCS ${id} not found`);
      }
      this.checkRange(row.effectiveFrom, effectiveTo);
      const before = { ...row };
      row.effectiveTo = effectiveTo;
      const saved = await manager.save(row);
      await this.audit.record(manager, actor, {
        action: 'product.hcpcs.updated',
        entityType: 'Product',
        entityId: row.productId,
        before,
        after: saved,
      });
      return saved;
    });
  }

  // ---- helpers ----

  private requireCoordinator(actor: Actor): void {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators edit reference data');
  }

  private checkRange(from: IsoDate, to: IsoDate | null): void {
    if (to !== null && to < from) {
      throw validationFailed([{ path: 'input.effectiveTo', message: 'must not be before effectiveFrom' }]);
    }
  }

  private async lockManufacturer(manager: EntityManager, id: string): Promise<ManufacturerEntity> {
    const found = await manager.findOne(ManufacturerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!found) {
      throw new ReferenceError(
        ErrorCategory.NOT_FOUND,
        ReferenceErrorCode.MANUFACTURER_NOT_FOUND,
        `Manufacturer ${id} was not found`,
      );
    }
    return found;
  }

  private async lockProduct(manager: EntityManager, id: string): Promise<ProductEntity> {
    const found = await manager.findOne(ProductEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!found) {
      throw new ReferenceError(
        ErrorCategory.NOT_FOUND,
        ReferenceErrorCode.PRODUCT_NOT_FOUND,
        `Product ${id} was not found`,
      );
    }
    return found;
  }

  /** One transaction; unique and overlap violations become CONFLICT errors, never a 500. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const code = pgErrorCode(error);
      if (code === PG_UNIQUE_VIOLATION) {
        throw new ReferenceError(
          ErrorCategory.CONFLICT,
          ReferenceErrorCode.CODE_TAKEN,
          'That code already exists (labeler code, product code or NDC must be unique)',
        );
      }
      if (code === PG_EXCLUSION_VIOLATION) {
        throw new ReferenceError(
          ErrorCategory.CONFLICT,
          ReferenceErrorCode.RANGE_OVERLAP,
          'That date range overlaps an existing one for the same code',
        );
      }
      throw error;
    }
  }
}
