import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RelevanceFilter } from './parsing';
import { canonicalRelevance, type RelevanceSnapshot } from './reread/relevance-widening.rules';

/**
 * Sickle-cell diagnoses (ICD-10-CM D57): the outcome benchmarks of the catalog's products lie
 * inside it (domain.md, rebate-rules section 9), so keeping all of D57 keeps what a later
 * amendment naming another D57 prefix needs. Prefixes of executed benchmarks outside D57 are kept
 * too (relevantDiagnosisPrefixes), from the files received after they were executed; files
 * received before are re-read for them (src/reread, README "Claim files").
 */
export const RELEVANT_DIAGNOSIS_PREFIXES: readonly string[] = ['D57'];

/** D57 and every prefix of an executed version's benchmarks, without those D57 already covers. */
export function relevantDiagnosisPrefixes(benchmarkPrefixes: readonly string[]): string[] {
  const all = [...RELEVANT_DIAGNOSIS_PREFIXES, ...benchmarkPrefixes.map((p) => p.trim().toUpperCase())];
  const kept = [...new Set(all.filter((p) => p.length > 0))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return kept.filter((p, i) => !kept.slice(0, i).some((shorter) => p.startsWith(shorter))).sort();
}

/** The relevance a filter stands for, as stored on a submission (canonical: equal filters, equal JSON). */
export function relevanceSnapshotOf(filter: RelevanceFilter): RelevanceSnapshot {
  return canonicalRelevance({
    diagnosisPrefixes: filter.diagnosisPrefixes,
    ndc11s: [...filter.cgtNdc11s],
    hcpcs: [...filter.cgtHcpcs],
  });
}

/** The reader's filter for a snapshot (e.g. what a stored file must be re-read for). */
export function relevanceFilterOf(snapshot: RelevanceSnapshot): RelevanceFilter {
  return {
    cgtNdc11s: new Set(snapshot.ndc11s),
    cgtHcpcs: new Set(snapshot.hcpcs),
    diagnosisPrefixes: [...snapshot.diagnosisPrefixes],
  };
}

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
    const benchmarks: { prefix: string }[] = await this.dataSource.query(
      `SELECT DISTINCT unnest(b.diagnosis_prefixes) AS prefix
         FROM outcome_benchmark b JOIN agreement_version v ON v.id = b.version_id
        WHERE v.status = 'EXECUTED'`,
    );
    return {
      cgtNdc11s: new Set(ndcs.map((r) => r.ndc11)),
      cgtHcpcs: new Set(hcpcs.map((r) => r.hcpcs_code)),
      diagnosisPrefixes: relevantDiagnosisPrefixes(benchmarks.map((r) => r.prefix)),
    };
  }
}
