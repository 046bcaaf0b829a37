/**
 * Limits reached during a run: each one is logged once as a `limit-reached` event (white cell only),
 * and what it dropped is counted where it happened (observations, shared items, events).
 */
import { WHITE_ONLY, type EventPayloads } from './events.js';
import type { Sim } from './sim.js';
import { isoUtc, simTimeMs } from './time.js';

export type LimitName = EventPayloads['limit-reached']['limit'];

export function logLimitOnce(sim: Sim, limit: LimitName, value: number): void {
  if (sim.limitsReached.has(limit)) return;
  sim.limitsReached.add(limit);
  sim.events.push(sim.tick, isoUtc(simTimeMs(sim.time, sim.tick)), 'limit-reached', [], { limit, value }, WHITE_ONLY);
}
