import { createHmac } from 'node:crypto';

/**
 * The pseudonymous episode reference manufacturers, logs and job payloads see instead of the
 * beneficiary: a keyed hash (HMAC-SHA-256 with EPISODE_REF_KEY) of the episode's identity, stable
 * for the life of the episode and meaningless without the key.
 */
export function episodeRefOf(episodeKey: string, key: string): string {
  const digest = createHmac('sha256', key).update(episodeKey).digest('hex').toUpperCase();
  return `EP-${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}`;
}
