/**
 * Routes: every way one item may travel at one tick. An item goes to a nation under an agreement when the
 * agreement is in force at the item's tick, covers the item's product and releases it to that nation
 * (releasability.ts). It arrives `ceil(latencyMs / stepMs)` ticks later (latency is never shortened),
 * with the agreement's fidelity.
 *
 * The decision is taken at the item's tick: what was released is delivered even if the agreement is
 * suspended or revoked while it is in flight, as a sent message cannot be recalled. A nation reached by
 * several agreements gets one route per agreement; the sharing system chooses among them.
 *
 * Routes are listed sorted by recipient, then agreement id, so whatever consumes them is deterministic.
 * Read next: agreements.ts (in force), fidelity.ts (what the recipient gets).
 */
import type { AgreementModel, FidelityModel } from '../model.js';
import { compareIds, forceRanges, inRanges, type AccessLevel, type AgreementChange, type TickRange } from './agreements.js';
import type { Product } from './products.js';
import { mayRelease, type Item } from './releasability.js';

/** One way an item may go. */
export interface Route {
  readonly recipient: string;
  /** Id of the agreement that carries it. */
  readonly agreement: string;
  /** The tick at which the recipient has it. */
  readonly deliverTick: number;
  readonly fidelity: FidelityModel;
  readonly access: AccessLevel;
}

/** The agreements of a scenario and their life, prepared once so routing an item is cheap. */
export interface SharingPolicy {
  readonly levels: readonly string[];
  readonly stepMs: number;
  /** Agreements by provider nation, each list sorted by agreement id. */
  readonly byProvider: ReadonlyMap<string, readonly PreparedAgreement[]>;
}

export interface PreparedAgreement {
  readonly agreement: AgreementModel;
  readonly ranges: readonly TickRange[];
  readonly latencyTicks: number;
}

/** Whole ticks an item waits for `latencyMs`: rounded up, so no item ever arrives early. */
export function latencyTicks(latencyMs: number, stepMs: number): number {
  return Math.ceil(latencyMs / stepMs);
}

/**
 * Prepare the policy of a scenario: its agreements, levels and step, and the agreement changes of the
 * run (agreementChangesFrom(model.injects), plus any a white cell adds).
 */
export function createSharingPolicy(
  scenario: { readonly agreements: readonly AgreementModel[]; readonly classificationLevels: readonly string[]; readonly stepMs: number },
  changes: readonly AgreementChange[],
): SharingPolicy {
  const byProvider = new Map<string, PreparedAgreement[]>();
  const sorted = [...scenario.agreements].sort((a, b) => compareIds(a.id, b.id));
  for (const agreement of sorted) {
    const list = byProvider.get(agreement.provider) ?? [];
    list.push({ agreement, ranges: forceRanges(agreement, changes), latencyTicks: latencyTicks(agreement.latencyMs, scenario.stepMs) });
    byProvider.set(agreement.provider, list);
  }
  return { levels: scenario.classificationLevels, stepMs: scenario.stepMs, byProvider };
}

/** Every route `item` (a `product`, produced at `tick`) may take, sorted by recipient then agreement. */
export function routes(policy: SharingPolicy, item: Item, product: Product, tick: number): Route[] {
  if (item.owner === null) return [];
  const out: Route[] = [];
  for (const p of policy.byProvider.get(item.owner) ?? []) {
    const a = p.agreement;
    if (!a.products.includes(product) || !inRanges(p.ranges, tick)) continue;
    for (const recipient of a.recipients) {
      if (mayRelease(item, recipient, a, policy.levels)) {
        out.push({ recipient, agreement: a.id, deliverTick: tick + p.latencyTicks, fidelity: a.fidelity, access: a.access });
      }
    }
  }
  // Agreements are visited in id order, each one's recipients sorted: a stable sort by recipient keeps
  // agreement order within a recipient.
  return out.sort((x, y) => compareIds(x.recipient, y.recipient));
}
