/**
 * Releasability: may one item of information go to one nation under one agreement? Deny by default: an
 * item is released only when every rule below says yes, and the first rule that says no is the reason.
 *
 * The rules, in the order they are checked:
 * 1. `noforn`: an item with the NOFORN caveat never leaves its owner, whatever else it says.
 * 2. `unknown-caveat`: a caveat the policy does not know (ORCON, PROPIN...) stops the release: a marking
 *    nobody taught the engine is treated as the strictest one (fail closed).
 * 3. `not-the-owner`: only an item's owner shares it. The agreement's provider must be the item's owner,
 *    so a nation never re-shares what a partner gave it, even when the item would be releasable to the
 *    third nation (re-release needs the originator's consent; a later capability may model it). Items
 *    nobody owns (truth, white-cell material) never travel under agreements.
 * 4. `not-a-recipient`: the nation must be one of the agreement's recipients.
 * 5. `not-releasable`: the nation must be in the item's releasable-to set (REL TO), or the set is `all`.
 * 6. `above-ceiling`: the item's level must be at or below the agreement's `classificationMax` (an
 *    unknown level on either side fails closed).
 *
 * Whether the agreement is in force and covers the item's product is the router's business (routes.ts).
 * Read next: agreements.ts (in force at a tick), routes.ts (every way an item may go).
 */
import type { AgreementModel, VisibilityModel } from '../model.js';
import { atOrBelow } from './classification.js';

/**
 * The header every item of information carries (observation, track, warning, status, conjunction): who
 * owns it, its level, the nations it is releasable to besides the owner (REL TO) or `all`, its caveats.
 * The same shape as an event's visibility, so events and items follow one rule.
 */
export type Item = VisibilityModel;

/** The caveat that keeps an item with its owner: NOt releasable to FOReign Nationals. */
export const NOFORN = 'NOFORN';

/** Caveats the policy understands; any other caveat stops a release (fail closed). */
export const KNOWN_CAVEATS: readonly string[] = [NOFORN];

/** Why a release was refused, one per rule (see the file comment). */
export type DenialReason = 'noforn' | 'unknown-caveat' | 'not-the-owner' | 'not-a-recipient' | 'not-releasable' | 'above-ceiling';

/** The parts of an agreement the releasability rules read. */
export type ReleaseTerms = Pick<AgreementModel, 'provider' | 'recipients' | 'classificationMax'>;

/** The first rule that refuses `item` to `recipient` under `agreement`, or null when it may be released. */
export function denialReason(item: Item, recipient: string, agreement: ReleaseTerms, levels: readonly string[]): DenialReason | null {
  if (item.caveats.includes(NOFORN)) return 'noforn';
  if (item.caveats.some((c) => !KNOWN_CAVEATS.includes(c))) return 'unknown-caveat';
  if (item.owner === null || agreement.provider !== item.owner) return 'not-the-owner';
  if (recipient === item.owner || !agreement.recipients.includes(recipient)) return 'not-a-recipient';
  if (item.releasableTo !== 'all' && !item.releasableTo.includes(recipient)) return 'not-releasable';
  if (!atOrBelow(item.classification, agreement.classificationMax, levels)) return 'above-ceiling';
  return null;
}

/** True when `item` may go to `recipient` under `agreement` (every rule of the file comment holds). */
export function mayRelease(item: Item, recipient: string, agreement: ReleaseTerms, levels: readonly string[]): boolean {
  return denialReason(item, recipient, agreement, levels) === null;
}

/**
 * The marking of an item as outputs print it: `SECRET//NOFORN`, `SECRET//REL TO USA, GBR, NOR` (owner
 * first, then the others sorted), or the bare level for a public item or one with no releasability list.
 */
export function markingOf(item: Item): string {
  const caveats = item.caveats.filter((c) => c !== NOFORN);
  const parts = [item.classification];
  if (item.caveats.includes(NOFORN)) parts.push(NOFORN);
  else if (item.releasableTo !== 'all') {
    const others = item.releasableTo.filter((n) => n !== item.owner).sort();
    const nations = item.owner === null ? others : [item.owner, ...others];
    if (nations.length > 0) parts.push(`REL TO ${nations.join(', ')}`);
  }
  return [...parts, ...caveats].join('//');
}
