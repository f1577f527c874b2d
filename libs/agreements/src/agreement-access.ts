import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isCoordinator, readsEverything, Role, type Actor } from '@lib/common';
import { AgreementStatus, NegotiationSide, VersionStatus, type AgreementEntity } from './agreement.entities';

/**
 * Who sees which agreement (deny by default): coordinators and auditors all; a
 * manufacturer only its own (any status); states only agreements that have been executed.
 */
export function canSeeAgreement(actor: Actor, agreement: AgreementEntity): boolean {
  if (readsEverything(actor)) return true;
  if (actor.role === Role.MANUFACTURER_STAFF) return agreement.manufacturerId === actor.manufacturerId;
  if (actor.role === Role.STATE_STAFF) return wasExecuted(agreement);
  return false;
}

export function wasExecuted(agreement: AgreementEntity): boolean {
  return agreement.status === AgreementStatus.EXECUTED || agreement.status === AgreementStatus.EXPIRED;
}

/** The same rule as SQL, for lists (alias `a` = agreement). */
export function scopeAgreementQuery<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor): void {
  if (readsEverything(actor)) return;
  if (actor.role === Role.MANUFACTURER_STAFF) {
    qb.andWhere('a.manufacturer_id = :scopeManufacturer', { scopeManufacturer: actor.manufacturerId });
  } else if (actor.role === Role.STATE_STAFF) {
    qb.andWhere('a.status IN (:...scopeStatuses)', {
      scopeStatuses: [AgreementStatus.EXECUTED, AgreementStatus.EXPIRED],
    });
  } else {
    qb.andWhere('false');
  }
}

/** States read executed terms only; terms under negotiation stay between CMS and the manufacturer. */
export function visibleVersionStatuses(actor: Actor): VersionStatus[] | null {
  return actor.role === Role.STATE_STAFF ? [VersionStatus.EXECUTED] : null;
}

/** Negotiation history (steps, comments) is for the negotiating parties and auditors. */
export function seesNegotiation(actor: Actor): boolean {
  return readsEverything(actor) || actor.role === Role.MANUFACTURER_STAFF;
}

/** States see only their own participation records; the others see the whole roster. */
export function participationStateScope(actor: Actor): string | null {
  return actor.role === Role.STATE_STAFF ? (actor.stateCode ?? '') : null;
}

/** The party an actor negotiates for on this agreement, or null (auditors, states). */
export function negotiationSideOf(actor: Actor, agreement: AgreementEntity): NegotiationSide | null {
  if (isCoordinator(actor)) return NegotiationSide.COORDINATOR;
  if (actor.role === Role.MANUFACTURER_STAFF && actor.manufacturerId === agreement.manufacturerId) {
    return NegotiationSide.MANUFACTURER;
  }
  return null;
}
