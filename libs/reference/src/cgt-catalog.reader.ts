import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@lib/common';

/** A product as reconciliation sees it (rebate-rules section 3: which lines are CGT lines). */
export interface CatalogEntry {
  productId: string;
  code: string;
  labelerCode: string;
  billingUnit: string;
  ndc11s: string[];
  hcpcs: { code: string; effectiveFrom: IsoDate; effectiveTo: IsoDate | null }[];
}

/** Reads the whole gene-therapy catalog in three set-based queries. */
@Injectable()
export class CgtCatalogReader {
  async catalog(manager: EntityManager): Promise<CatalogEntry[]> {
    // Usually the caller's transaction (one connection): one query after another.
    const products = await manager.query<{ id: string; code: string; labeler_code: string; billing_unit: string }[]>(
      'SELECT id, code, labeler_code, billing_unit FROM product ORDER BY code',
    );
    const ndcs = await manager.query<{ product_id: string; ndc11: string }[]>(
      'SELECT product_id, ndc11 FROM product_ndc ORDER BY ndc11',
    );
    const hcpcs = await manager.query<
      { product_id: string; hcpcs_code: string; effective_from: string; effective_to: string | null }[]
    >('SELECT product_id, hcpcs_code, effective_from, effective_to FROM product_hcpcs ORDER BY effective_from');
    return products.map((p) => ({
      productId: p.id,
      code: p.code,
      labelerCode: p.labeler_code,
      billingUnit: p.billing_unit,
      ndc11s: ndcs.filter((n) => n.product_id === p.id).map((n) => n.ndc11),
      hcpcs: hcpcs
        .filter((h) => h.product_id === p.id)
        .map((h) => ({ code: h.hcpcs_code, effectiveFrom: h.effective_from, effectiveTo: h.effective_to })),
    }));
  }
}
