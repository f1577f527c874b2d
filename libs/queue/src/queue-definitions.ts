import type { DefaultJobOptions } from 'bullmq';

/** Every queue of the platform. */
export enum QueueName {
  MAINTENANCE = 'maintenance',
  CLAIM_FILES = 'claim-files',
  RECONCILIATION = 'reconciliation',
  STATEMENTS = 'statements',
  SIMULATOR = 'simulator',
}

/**
 * Job contracts: the payload of each job. Payloads carry ids only, never claim data or
 * beneficiary ids (style.md habit 8): PHI stays out of Redis and the logs.
 */
export interface JobContracts {
  [QueueName.MAINTENANCE]: {
    /** Forget login throttling records whose lock has expired. */
    'purge-login-throttle': Record<string, never>;
  };
  [QueueName.CLAIM_FILES]: {
    /** Validate, load and reconcile one stored claim file (job id = submission id). */
    'process-submission': { submissionId: string };
    /** Re-enqueue submissions left RECEIVED (an enqueue lost after the commit); enqueue re-reads due. */
    'sweep-submissions': Record<string, never>;
    /**
     * Re-read one state's stored files loaded under narrower relevance than the one now in force
     * (an amendment or the catalog widened what matters), then reconcile the state
     * (job id `reread-for-relevance-<state>`).
     */
    'reread-for-relevance': { stateCode: string };
    /** Merge the closed years of every state's claim digests, one partition a year (hourly). */
    'roll-up-digest-years': Record<string, never>;
  };
  [QueueName.RECONCILIATION]: {
    /**
     * Recompute one state's desired amounts after a change of terms or participation; append the
     * deltas and mark the reconciliation request (the outbox row) completed.
     */
    'reconcile-state': {
      requestId: string;
      stateCode: string;
      causeType: 'AMENDMENT' | 'PARTICIPATION';
      causeId: string;
    };
    /** Re-enqueue reconciliation requests not completed in time (an enqueue lost after the commit). */
    'sweep-reconciliation-requests': Record<string, never>;
  };
  [QueueName.STATEMENTS]: {
    /** Automatic quarter close: issue every DRAFT statement due (STATEMENT_AUTO_ISSUE_DAYS after quarter end). */
    'issue-due-statements': Record<string, never>;
  };
  [QueueName.SIMULATOR]: {
    /** Run one stored term-sheet simulation (job id = simulation id); the spec is read from its row. */
    'run-simulation': { simulationId: string };
  };
}

export type JobName<Q extends QueueName> = keyof JobContracts[Q] & string;
export type JobData<Q extends QueueName, N extends JobName<Q>> = JobContracts[Q][N];

export interface QueueDefinition<Q extends QueueName> {
  description: string;
  jobs: readonly JobName<Q>[];
  defaultJobOptions: DefaultJobOptions;
  /** How many jobs of this queue one worker process runs at once. */
  concurrency: number;
}

const KEEP = { removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 }, removeOnFail: { age: 30 * 24 * 3600 } };

/** Retries, backoff and retention for every queue, in one place. */
export const QUEUE_DEFINITIONS: { [Q in QueueName]: QueueDefinition<Q> } = {
  [QueueName.MAINTENANCE]: {
    description: 'Housekeeping: expired login throttles.',
    jobs: ['purge-login-throttle'],
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, ...KEEP },
    concurrency: 1,
  },
  [QueueName.CLAIM_FILES]: {
    description:
      'Claim files: validation, loading and reconciliation of submissions; re-reads when what matters widens; the sweep of lost enqueues; the merge of closed years of claim digests.',
    jobs: ['process-submission', 'sweep-submissions', 'reread-for-relevance', 'roll-up-digest-years'],
    // A retry starts from the stored file and clean staging, so a few attempts are safe.
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...KEEP },
    concurrency: 2,
  },
  [QueueName.RECONCILIATION]: {
    description:
      'Reconciliation of a state after a change of terms or participation (under the state lock); the sweep of lost enqueues.',
    jobs: ['reconcile-state', 'sweep-reconciliation-requests'],
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, ...KEEP },
    concurrency: 2,
  },
  [QueueName.STATEMENTS]: {
    description: 'Statements: the automatic quarter close that issues due DRAFT statements (under each state lock).',
    jobs: ['issue-due-statements'],
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...KEEP },
    concurrency: 1,
  },
  [QueueName.SIMULATOR]: {
    description: 'Term-sheet simulations: Monte Carlo runs off the API process, one at a time per worker.',
    jobs: ['run-simulation'],
    // A run is deterministic (seeded): a retry recomputes the same result; a bad spec fails for good.
    defaultJobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 5_000 }, ...KEEP },
    concurrency: 1,
  },
};

export const ALL_QUEUES = Object.values(QueueName);

/** Declared jobs that no processor handles: the worker refuses to start while any remain. */
export function missingHandlers(handled: Map<QueueName, readonly string[]>): string[] {
  const missing: string[] = [];
  for (const queue of ALL_QUEUES) {
    const names = handled.get(queue) ?? [];
    for (const job of QUEUE_DEFINITIONS[queue].jobs as readonly string[]) {
      if (!names.includes(job)) missing.push(`${queue}/${job}`);
    }
  }
  return missing;
}
