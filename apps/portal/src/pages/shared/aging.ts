/** Dispute aging buckets of issue 9: 0-30, 31-60 and more than 60 days open. */
export const AGING_BUCKETS = ['0-30 days', '31-60 days', 'More than 60 days'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucketOf(ageDays: number): AgingBucket {
  if (ageDays <= 30) return AGING_BUCKETS[0];
  if (ageDays <= 60) return AGING_BUCKETS[1];
  return AGING_BUCKETS[2];
}
