import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  groupBy,
  paginateQuery,
  validationFailed,
  type Actor,
  type ConnectionShape,
  type IsoDate,
  type PageArgs,
} from '@lib/common';
import { normalizeNdc } from './ndc';
import { LabelerCodeEntity, ProductEntity, ProductHcpcsEntity, ProductNdcEntity } from './reference.entities';
import { ReferenceDataError, ReferenceDataErrorCode } from './reference.errors';
import { ReferenceWriter } from './reference-writer';

export interface ProductFilter {
  manufacturerId?: string;
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
 * Products with their NDCs and HCPCS codes over time: read by everyone signed in; only
 * coordinators edit them, each edit audited in its own transaction.
 */
@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly writer: ReferenceWriter,
  ) {}

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
    this.writer.requireCoordinator(actor);
    return this.writer.write(async (manager) => {
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
    this.writer.requireCoordinator(actor);
    return this.writer.write(async (manager) => {
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
    this.writer.requireCoordinator(actor);
    const ndc11 = normalizeNdc(command.ndc);
    if (!ndc11) {
      throw validationFailed([
        { path: 'input.ndc', message: 'not a valid NDC (use the hyphenated labeled form or 11 digits)' },
      ]);
    }
    return this.writer.write(async (manager) => {
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
    this.writer.requireCoordinator(actor);
    const ndc11 = normalizeNdc(command.ndc);
    return this.writer.write(async (manager) => {
      const row = ndc11
        ? await manager.findOne(ProductNdcEntity, { where: { ndc11 }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row) {
        throw new ReferenceDataError(ReferenceDataErrorCode.NDC_NOT_FOUND, `NDC ${command.ndc} was not found`);
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
    this.writer.requireCoordinator(actor);
    this.writer.checkRange(command.effectiveFrom, command.effectiveTo ?? null);
    return this.writer.write(async (manager) => {
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
    this.writer.requireCoordinator(actor);
    return this.writer.write(async (manager) => {
      const row = await manager.findOne(ProductHcpcsEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) {
        throw new ReferenceDataError(ReferenceDataErrorCode.HCPCS_NOT_FOUND, `HCPCS ${id} not found`);
      }
      this.writer.checkRange(row.effectiveFrom, effectiveTo);
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

  private lockProduct(manager: EntityManager, id: string): Promise<ProductEntity> {
    return this.writer.lockById(manager, ProductEntity, id, ReferenceDataErrorCode.PRODUCT_NOT_FOUND, 'Product');
  }
}
