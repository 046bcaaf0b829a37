/**
 * SATCOM access rights: a nation's terminal may use a transponder its own nation operates, or another
 * nation's under an agreement from that operator, in force at the tick, that carries `satcom.access` to
 * it (the piggyback arrangements: Canadian terminals on US AEHF, Australia paying into WGS). Markings do
 * not apply: access is a service, not an item of information. Answers are kept for the tick.
 */
import { inRanges } from '../policy/agreements.js';
import type { Sim } from '../sim.js';

const memo = new WeakMap<Sim, { tick: number; answers: Map<string, boolean> }>();

export function accessAllowed(sim: Sim, terminalOwner: string, operator: string): boolean {
  if (terminalOwner === operator) return true;
  let m = memo.get(sim);
  if (!m || m.tick !== sim.tick) memo.set(sim, (m = { tick: sim.tick, answers: new Map() }));
  const key = `${operator}>${terminalOwner}`;
  let ok = m.answers.get(key);
  if (ok === undefined) {
    ok = (sim.sharing.policy.byProvider.get(operator) ?? []).some((p) =>
      p.agreement.products.includes('satcom.access') && p.agreement.recipients.includes(terminalOwner) && inRanges(p.ranges, sim.tick));
    m.answers.set(key, ok);
  }
  return ok;
}
