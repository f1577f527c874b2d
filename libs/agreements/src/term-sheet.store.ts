import { In, type EntityManager } from 'typeorm';
import {
  OutcomeBenchmarkEntity,
  OutcomeBenchmarkTierEntity,
  PriceScheduleEntryEntity,
  VolumeTierEntity,
  type AgreementVersionEntity,
} from './agreement.entities';
import type { TermSheet } from './term-sheet';

/** Writes the rows of a version's term sheet (the version row itself holds the window and cap). */
export async function writeTerms(manager: EntityManager, versionId: string, terms: TermSheet): Promise<void> {
  if (terms.schedule.length) {
    await manager.insert(
      PriceScheduleEntryEntity,
      terms.schedule.map((e, position) => ({ versionId, position, ...e })),
    );
  }
  for (const [position, b] of terms.benchmarks.entries()) {
    const result = await manager.insert(OutcomeBenchmarkEntity, {
      versionId,
      position,
      code: b.code,
      measure: b.measure,
      washoutDays: b.washoutDays,
      diagnosisPrefixes: b.diagnosisPrefixes,
    });
    const benchmarkId = (result.identifiers[0] as { id: string }).id;
    if (b.tiers.length) {
      await manager.insert(
        OutcomeBenchmarkTierEntity,
        b.tiers.map((t) => ({ benchmarkId, ...t })),
      );
    }
  }
  if (terms.volumeTiers.length) {
    await manager.insert(
      VolumeTierEntity,
      terms.volumeTiers.map((t) => ({ versionId, ...t })),
    );
  }
}

/** The term sheets of many versions in four set-based queries, whatever their number. */
export async function loadTerms(
  manager: EntityManager,
  versions: readonly AgreementVersionEntity[],
): Promise<Map<string, TermSheet>> {
  const ids = versions.map((v) => v.id);
  const out = new Map<string, TermSheet>();
  if (!ids.length) return out;
  // The manager may be a transaction (one connection): one query after another.
  const schedule = await manager.find(PriceScheduleEntryEntity, {
    where: { versionId: In(ids) },
    order: { position: 'ASC' },
  });
  const benchmarks = await manager.find(OutcomeBenchmarkEntity, {
    where: { versionId: In(ids) },
    order: { position: 'ASC' },
  });
  const volume = await manager.find(VolumeTierEntity, {
    where: { versionId: In(ids) },
    order: { minTreatments: 'ASC' },
  });
  const tiers = benchmarks.length
    ? await manager.find(OutcomeBenchmarkTierEntity, {
        where: { benchmarkId: In(benchmarks.map((b) => b.id)) },
        order: { throughMonth: 'ASC' },
      })
    : [];
  for (const v of versions) {
    out.set(v.id, {
      enrollmentStart: v.enrollmentStart,
      enrollmentEnd: v.enrollmentEnd,
      supplementalCapPct: v.supplementalCapPct,
      schedule: [],
      benchmarks: [],
      volumeTiers: [],
    });
  }
  for (const e of schedule) {
    out.get(e.versionId)?.schedule.push({
      effectiveFrom: e.effectiveFrom,
      effectiveTo: e.effectiveTo,
      wac: e.wac,
      guaranteedRebatePct: e.guaranteedRebatePct,
    });
  }
  const tiersByBenchmark = new Map<string, OutcomeBenchmarkTierEntity[]>();
  for (const t of tiers) tiersByBenchmark.set(t.benchmarkId, [...(tiersByBenchmark.get(t.benchmarkId) ?? []), t]);
  for (const b of benchmarks) {
    out.get(b.versionId)?.benchmarks.push({
      code: b.code,
      measure: b.measure,
      washoutDays: b.washoutDays,
      diagnosisPrefixes: b.diagnosisPrefixes,
      tiers: (tiersByBenchmark.get(b.id) ?? []).map((t) => ({ throughMonth: t.throughMonth, rebatePct: t.rebatePct })),
    });
  }
  for (const t of volume) {
    out
      .get(t.versionId)
      ?.volumeTiers.push({ minTreatments: t.minTreatments, additionalRebatePct: t.additionalRebatePct });
  }
  return out;
}
