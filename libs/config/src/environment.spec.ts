import { ConfigError, QueueBackendKind, validateEnvironment } from './environment';
import { loadConfig } from './app-config';

const VALID = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cgt',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  EPISODE_REF_KEY: 'y'.repeat(32),
};

function problems(env: Record<string, string>): string[] {
  try {
    validateEnvironment(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration is validated at boot', () => {
  it('accepts a valid environment and applies defaults', () => {
    const config = loadConfig(VALID);
    expect(config.api.port).toBe(3000);
    expect(config.queue.backend).toBe(QueueBackendKind.REDIS);
    expect(config.claims.recordProblemLimitPct).toBe(10);
    expect(config.reconciliation.sweepAfterMinutes).toBe(5);
  });

  it.each([
    [{ DATABASE_URL: undefined }, /^DATABASE_URL is missing/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: DATABASE_URL must be a postgres:\/\/ connection URL/],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET: JWT_SECRET must be at least 32 characters/],
    [{ EPISODE_REF_KEY: undefined }, /^EPISODE_REF_KEY is missing/],
    [{ REDIS_URL: undefined }, /^REDIS_URL is missing/],
    [{ API_PORT: 'eighty' }, /^API_PORT: /],
    [{ API_PORT: '70000' }, /^API_PORT: /],
    [{ QUEUE_BACKEND: 'kafka' }, /^QUEUE_BACKEND: QUEUE_BACKEND must be "redis" or "postgres"/],
    [{ RECORD_PROBLEM_LIMIT_PCT: '101' }, /^RECORD_PROBLEM_LIMIT_PCT: /],
    [{ STATEMENT_AUTO_ISSUE_DAYS: '-1' }, /^STATEMENT_AUTO_ISSUE_DAYS: /],
    [{ STATEMENT_AUTO_ISSUE_DAYS: 'soon' }, /^STATEMENT_AUTO_ISSUE_DAYS: /],
    [{ STATEMENT_AUTO_ISSUE: 'maybe' }, /^STATEMENT_AUTO_ISSUE: /],
    [{ RECONCILIATION_SWEEP_MINUTES: '0' }, /^RECONCILIATION_SWEEP_MINUTES: /],
    [{ RECONCILIATION_SWEEP_MINUTES: 'soon' }, /^RECONCILIATION_SWEEP_MINUTES: /],
    [{ PUBLIC_ORIGIN: 'https://cgt.example.gov/portal' }, /^PUBLIC_ORIGIN: PUBLIC_ORIGIN must be an origin/],
    [{ PUBLIC_ORIGIN: 'cgt.example.gov' }, /^PUBLIC_ORIGIN: /],
    [{ API_ALLOWED_ORIGINS: 'https://a.example,*' }, /^API_ALLOWED_ORIGINS: API_ALLOWED_ORIGINS must be a comma/],
  ])('stops on %j with a message naming the variable', (override, message) => {
    const env = { ...VALID, ...override } as Record<string, string>;
    for (const [key, value] of Object.entries(override)) if (value === undefined) delete env[key];
    expect(problems(env)).toEqual([expect.stringMatching(message)]);
  });

  it('normalises the public and allowed origins (lower case, no default port)', () => {
    const config = loadConfig({
      ...VALID,
      PUBLIC_ORIGIN: 'HTTPS://CGT.Example.gov:443',
      API_ALLOWED_ORIGINS: 'http://localhost:5173, https://admin.example.gov',
    });
    expect(config.web).toEqual({
      publicOrigin: 'https://cgt.example.gov',
      allowedOrigins: ['http://localhost:5173', 'https://admin.example.gov'],
    });
    expect(loadConfig(VALID).web).toEqual({ publicOrigin: null, allowedOrigins: [] });
  });

  it('needs no REDIS_URL on the PostgreSQL queue backend', () => {
    const { REDIS_URL: _unused, ...env } = VALID;
    expect(problems({ ...env, QUEUE_BACKEND: 'postgres' })).toEqual([]);
  });
});
