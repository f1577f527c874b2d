import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RelevanceFilter } from './parsing';

/**
 * Sickle-cell diagnoses (ICD-10-CM D57): every outcome benchmark prefix of the catalog lies
 * inside it (domain.md, rebate-rules section 9), so keeping all of D57 decides relevance
 * correctly even when a later amendment names another D57 prefix.
 */
export const RELEVANT_DIAGNOSIS_PREFIXES: readonly string[] = ['D57'];

/** What the reader keeps (design-notes "Keep only what matters"): catalog NDCs, CGT HCPCS codes. */
@Injectable()
export class ClaimRelevanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async filter(): Promise<RelevanceFilter> {
    const ndcs: { ndc11: string }[] = await this.dataSource.query('SELECT ndc11 FROM product_ndc');
    // Every HCPCS code ever assigned: whether it was in force on the date of service is decided later.
    const hcpcs: { hcpcs_code: string }[] = await this.dataSource.query(
      'SELECT DISTINCT hcpcs_code FROM product_hcpcs',
    );
    return {
      cgtNdc11s: new Set(ndcs.map((r) => r.ndc11)),
      cgtHcpcs: new Set(hcpcs.map((r) => r.hcpcs_code)),
      diagnosisPrefixes: RELEVANT_DIAGNOSIS_PREFIXES,
    };
  }
}
