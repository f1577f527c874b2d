import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { alignToKeys, indexBy, loaderFor, type GraphqlContext } from '@lib/common';
import type {
  JurisdictionEntity,
  LabelerCodeEntity,
  ManufacturerEntity,
  ManufacturerNameEntity,
  ProductEntity,
  ProductHcpcsEntity,
  ProductNdcEntity,
} from '../reference.entities';
import { JurisdictionsService } from '../jurisdictions.service';
import { ManufacturersService } from '../manufacturers.service';
import { ProductsService } from '../products.service';

/**
 * Per-request DataLoaders for reference relations (style.md habit 4). Other domains' resolvers
 * use them too (an agreement's product and manufacturer), so this is exported.
 */
@Injectable()
export class ReferenceLoaders {
  constructor(
    private readonly jurisdictions: JurisdictionsService,
    private readonly manufacturers: ManufacturersService,
    private readonly products: ProductsService,
  ) {}

  manufacturer(ctx: GraphqlContext): DataLoader<string, ManufacturerEntity | null> {
    return loaderFor(
      ctx,
      'reference.manufacturer',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          alignToKeys(
            ids,
            indexBy(await this.manufacturers.manufacturersByIds(ids), (m) => m.id),
            null,
          ),
        ),
    );
  }

  manufacturerNames(ctx: GraphqlContext): DataLoader<string, ManufacturerNameEntity[]> {
    return loaderFor(
      ctx,
      'reference.manufacturerNames',
      () =>
        new DataLoader(async (ids: readonly string[]) => alignToKeys(ids, await this.manufacturers.namesOf(ids), [])),
    );
  }

  labelerCodes(ctx: GraphqlContext): DataLoader<string, LabelerCodeEntity[]> {
    return loaderFor(
      ctx,
      'reference.labelerCodes',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          alignToKeys(ids, await this.manufacturers.labelerCodesOf(ids), []),
        ),
    );
  }

  product(ctx: GraphqlContext): DataLoader<string, ProductEntity | null> {
    return loaderFor(
      ctx,
      'reference.product',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          alignToKeys(
            ids,
            indexBy(await this.products.productsByIds(ids), (p) => p.id),
            null,
          ),
        ),
    );
  }

  ndcs(ctx: GraphqlContext): DataLoader<string, ProductNdcEntity[]> {
    return loaderFor(
      ctx,
      'reference.ndcs',
      () => new DataLoader(async (ids: readonly string[]) => alignToKeys(ids, await this.products.ndcsOf(ids), [])),
    );
  }

  hcpcs(ctx: GraphqlContext): DataLoader<string, ProductHcpcsEntity[]> {
    return loaderFor(
      ctx,
      'reference.hcpcs',
      () => new DataLoader(async (ids: readonly string[]) => alignToKeys(ids, await this.products.hcpcsOf(ids), [])),
    );
  }

  jurisdiction(ctx: GraphqlContext): DataLoader<string, JurisdictionEntity | null> {
    return loaderFor(
      ctx,
      'reference.jurisdiction',
      () =>
        new DataLoader(async (codes: readonly string[]) =>
          alignToKeys(
            codes,
            indexBy(await this.jurisdictions.jurisdictionsByCodes(codes), (j) => j.uspsCode),
            null,
          ),
        ),
    );
  }
}
