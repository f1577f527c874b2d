import type { EntityManager } from 'typeorm';
import type { DisputeOverride } from '../rules';

/**
 * rebate-rules section 8: the amounts UPHELD disputes fixed for a state's episodes. The
 * statements library owns disputes and their overrides and implements this port
 * (DisputeOverridesReader, bound globally by StatementsModule); reconciliation only asks.
 */
export abstract class DisputeOverrides {
  abstract ofState(manager: EntityManager, stateCode: string): Promise<DisputeOverride[]>;
}
