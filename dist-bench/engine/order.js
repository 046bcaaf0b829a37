/**
 * Stable iteration order. bitecs reuses entity ids and its query order depends on removal history, so
 * systems never iterate a query directly: they iterate lists sorted by the scenario's stable index,
 * rebuilt here whenever entities come or go.
 */
import { query } from 'bitecs';
function sortedByStableIndex(sim, eids) {
    const stable = sim.c.Identity.stableIndex;
    return Uint32Array.from(eids).sort((a, b) => stable[a] - stable[b]);
}
/** Rebuild the stable lists if entities were added or removed since the last rebuild. */
export function refreshOrder(sim) {
    if (!sim.order.dirty)
        return;
    sim.order.orbiters = sortedByStableIndex(sim, query(sim.world, [sim.c.Orbit]));
    sim.order.radars = sortedByStableIndex(sim, query(sim.world, [sim.c.Radar]));
    sim.slots = sim.order.orbiters.slice();
    sim.propagator.load(Array.from(sim.slots, (eid) => sim.c.Orbit.satrec[eid]));
    sim.order.dirty = false;
}
//# sourceMappingURL=order.js.map