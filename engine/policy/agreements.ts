/**
 * When an agreement is in force. An agreement has a window from the scenario (`fromTick` inclusive to
 * `untilTick` exclusive) and a life that injects change during the run: `agreement-change` injects sign,
 * suspend, resume or revoke it at their tick. It is in force at a tick when its window holds the tick and
 * its state, after every change at or before that tick, is `active`.
 *
 * The life of an agreement (a change that does not apply leaves the state as it is):
 *
 * ```
 *   unsigned --sign--> active --suspend--> suspended --resume--> active
 *   any state --revoke--> revoked (for good: nothing brings it back)
 * ```
 *
 * An agreement starts `active` when the scenario signs it (`signed: true`, the default), `unsigned`
 * otherwise. Signing does not move the window: an agreement signed before `from` takes force at `from`.
 * Changes at one tick apply in MSEL order, and a change at tick t already governs the items of tick t
 * (the events system applies injects first in the tick).
 *
 * Read next: routes.ts (where an item may go, using these windows), releasability.ts (the rules).
 */
import type { AgreementModel, InjectModel } from '../model.js';

/** How the recipient's people reach the products (descriptive: the rules are the same for all). */
export const ACCESS_LEVELS = ['liaison', 'exchange', 'full'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** What an `agreement-change` inject does to an agreement. */
export const CHANGE_ACTIONS = ['sign', 'suspend', 'resume', 'revoke'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export type AgreementState = 'unsigned' | 'active' | 'suspended' | 'revoked';

/** One change to an agreement's life, at a tick. */
export interface AgreementChange {
  readonly tick: number;
  readonly agreement: string;
  readonly action: ChangeAction;
}

/** A half-open range of ticks [fromTick, untilTick); untilTick null: to the end of the run. */
export interface TickRange {
  readonly fromTick: number;
  readonly untilTick: number | null;
}

/** The state after `action` (see the diagram in the file comment). */
export function nextState(state: AgreementState, action: ChangeAction): AgreementState {
  if (state === 'revoked' || action === 'revoke') return 'revoked';
  if (action === 'sign') return state === 'unsigned' ? 'active' : state;
  if (action === 'suspend') return state === 'active' ? 'suspended' : state;
  return state === 'suspended' ? 'active' : state;
}

/** The `agreement-change` injects of an MSEL as changes, in MSEL order (the loader sorts by tick). */
export function agreementChangesFrom(injects: readonly InjectModel[]): AgreementChange[] {
  return injects
    .filter((i) => i.kind === 'agreement-change')
    .map((i) => ({ tick: i.tick, agreement: i.params.agreement as string, action: i.params.action as ChangeAction }));
}

/** The changes to one agreement, by tick, keeping the given order within a tick. */
function changesOf(agreementId: string, changes: readonly AgreementChange[]): AgreementChange[] {
  return changes
    .map((c, order) => ({ c, order }))
    .filter((x) => x.c.agreement === agreementId)
    .sort((a, b) => a.c.tick - b.c.tick || a.order - b.order)
    .map((x) => x.c);
}

/** The state of `agreement` at `tick`, after every change at or before it. */
export function stateAt(agreement: Pick<AgreementModel, 'id' | 'signed'>, tick: number, changes: readonly AgreementChange[]): AgreementState {
  let state: AgreementState = agreement.signed ? 'active' : 'unsigned';
  for (const c of changesOf(agreement.id, changes)) {
    if (c.tick > tick) break;
    state = nextState(state, c.action);
  }
  return state;
}

/**
 * The ticks at which `agreement` is in force, as sorted disjoint ranges: its window cut by the periods
 * its state is `active`. Computed once per agreement so the router answers "in force at t?" by a scan.
 */
export function forceRanges(agreement: AgreementModel, changes: readonly AgreementChange[]): TickRange[] {
  const active: TickRange[] = [];
  let state: AgreementState = agreement.signed ? 'active' : 'unsigned';
  let since = 0;
  for (const c of changesOf(agreement.id, changes)) {
    const next = nextState(state, c.action);
    if (state === 'active' && next !== 'active') active.push({ fromTick: since, untilTick: c.tick });
    if (state !== 'active' && next === 'active') since = c.tick;
    state = next;
  }
  if (state === 'active') active.push({ fromTick: since, untilTick: null });
  const out: TickRange[] = [];
  for (const r of active) {
    const fromTick = Math.max(r.fromTick, agreement.fromTick);
    const untilTick = minEnd(r.untilTick, agreement.untilTick);
    if (untilTick === null || fromTick < untilTick) out.push({ fromTick, untilTick });
  }
  return out;
}

function minEnd(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** True when `tick` falls in one of `ranges`. */
export function inRanges(ranges: readonly TickRange[], tick: number): boolean {
  for (const r of ranges) if (tick >= r.fromTick && (r.untilTick === null || tick < r.untilTick)) return true;
  return false;
}

/** True when `agreement` is in force at `tick`: inside its window and `active` after the changes. */
export function inForce(agreement: AgreementModel, tick: number, changes: readonly AgreementChange[]): boolean {
  const inWindow = tick >= agreement.fromTick && (agreement.untilTick === null || tick < agreement.untilTick);
  return inWindow && stateAt(agreement, tick, changes) === 'active';
}

/** The agreements in force at `tick`, sorted by id. */
export function agreementsInForce(agreements: readonly AgreementModel[], tick: number, changes: readonly AgreementChange[]): AgreementModel[] {
  return agreements.filter((a) => inForce(a, tick, changes)).sort((a, b) => compareIds(a.id, b.id));
}

/** Code-unit order of ids (never locale order: output must not depend on the machine's locale). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
