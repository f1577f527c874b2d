import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ListBounds } from './query-limits';

/** How long the counts are reused before the catalog is counted again. */
export const CATALOG_BOUNDS_TTL_MS = 60_000;

/**
 * The real maximum of the small catalog lists (`products(first:100){ndcs(first:50)}`
 * was refused as too complex with 2 products): how many products, manufacturers and
 * jurisdictions exist, and the most NDCs, HCPCS codes or legal names any one of them has. The
 * cost estimate sizes these lists by min(first, what exists); every other list keeps `first`.
 * Counted in one query and kept for CATALOG_BOUNDS_TTL_MS; a failed count means no bounds.
 */
export class CatalogBounds {
  private readonly logger = new Logger(CatalogBounds.name);
  private cached: { at: number; bounds: ListBounds } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs = CATALOG_BOUNDS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<ListBounds> {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached.bounds;
    try {
      this.cached = { at: this.now(), bounds: await this.count() };
      return this.cached.bounds;
    } catch (error) {
      this.logger.warn({ err: error }, 'Counting the catalog failed; estimating catalog lists by their page size');
      return new Map();
    }
  }

  private async count(): Promise<ListBounds> {
    const most = (table: string, owner: string) =>
      `(SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM ${table} GROUP BY ${owner}) counted)`;
    const [row] = await this.dataSource.query<Record<string, string>[]>(`
      SELECT (SELECT count(*) FROM product) AS "Query.products",
             (SELECT count(*) FROM manufacturer) AS "Query.manufacturers",
             (SELECT count(*) FROM jurisdiction) AS "Query.jurisdictions",
             ${most('product_ndc', 'product_id')} AS "Product.ndcs",
             ${most('product_hcpcs', 'product_id')} AS "Product.hcpcsCodes",
             ${most('manufacturer_name', 'manufacturer_id')} AS "Manufacturer.names"`);
    return new Map(Object.entries(row).map(([field, n]) => [field, Number(n)]));
  }
}
