import type { IsoDate } from '@lib/common';

/** An inclusive date window [start, end]. */
export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

/** The window an executed agreement governs for its product. */
export interface GoverningAgreement extends DateWindow {
  agreementId: string;
}

export interface GoverningOverlap {
  /** The executed agreement already governing part of the window. */
  other: GoverningAgreement;
  /** The dates both would govern (inclusive). */
  from: IsoDate;
  to: IsoDate;
}

/**
 * The enrollment window an agreement governs once these versions are executed: from the earliest
 * enrollmentStart to the latest enrollmentEnd (an amendment may extend it). Null without versions.
 */
export function governedWindow(
  versions: readonly { enrollmentStart: IsoDate; enrollmentEnd: IsoDate }[],
): DateWindow | null {
  if (!versions.length) return null;
  let { enrollmentStart: start, enrollmentEnd: end } = versions[0];
  for (const v of versions) {
    if (v.enrollmentStart < start) start = v.enrollmentStart;
    if (v.enrollmentEnd > end) end = v.enrollmentEnd;
  }
  return { start, end };
}

/**
 * At any date at most one executed agreement governs a product. Given the window an
 * agreement would govern and the executed, unexpired agreements of the same product, the first
 * (earliest start) that shares a date with it, with the shared dates; null when none does. Pure.
 */
export function governingOverlap(
  agreementId: string,
  window: DateWindow,
  executed: readonly GoverningAgreement[],
): GoverningOverlap | null {
  const overlaps = executed
    .filter((other) => other.agreementId !== agreementId && other.start <= window.end && window.start <= other.end)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.agreementId < b.agreementId ? -1 : 1));
  const other = overlaps[0];
  if (!other) return null;
  return {
    other,
    from: other.start > window.start ? other.start : window.start,
    to: other.end < window.end ? other.end : window.end,
  };
}

/** The sentence of an AGREEMENT_OVERLAP refusal: which agreement governs, and which dates collide. */
export function governingOverlapMessage(
  productCode: string,
  agreementId: string,
  window: DateWindow,
  overlap: GoverningOverlap,
): string {
  return (
    `Agreement ${overlap.other.agreementId} already governs ${productCode} from ${overlap.other.start} to ` +
    `${overlap.other.end}; agreement ${agreementId} (enrollment ${window.start} to ${window.end}) would also ` +
    `govern it from ${overlap.from} to ${overlap.to}. At most one executed agreement governs a product on any ` +
    `date: change the terms in force through an amendment of ${overlap.other.agreementId}, or expire it first.`
  );
}
