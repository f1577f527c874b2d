import { forbidden, readScopeOf, type Actor } from '@lib/common';

/**
 * The state an actor is confined to when reading claim files and their exceptions (readScopeOf),
 * or null for everything; claim files carry no labeler, so manufacturer staff are refused like
 * every role reading nothing (claim detail never reaches them).
 */
export function claimReadState(actor: Actor): string | null {
  const scope = readScopeOf(actor);
  if (scope.kind === 'ALL') return null;
  if (scope.kind === 'STATE') return scope.stateCode;
  throw forbidden('Only state staff, coordinators and auditors read claim submissions');
}
