/**
 * The run summary: counts and metrics at the current tick, plain data for summary.json, the CLI's human
 * summary and batch rows. Later capabilities add their metrics here.
 */
import { query } from 'bitecs';
import { stateHash } from './hash.js';
import { isoUtc, simTimeMs } from './time.js';
export function summarize(sim) {
    const active = sim.order.orbiters;
    const activeByOwner = {};
    for (let i = 0; i < active.length; i++) {
        const n = sim.c.Ownership.nationIndex[active[i]];
        const owner = n < 0 ? 'none' : sim.nations[n].id;
        activeByOwner[owner] = (activeByOwner[owner] ?? 0) + 1;
    }
    const byKind = {};
    for (const e of sim.events.since(0))
        byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    const radars = Array.from(sim.order.radars, (eid) => {
        const seen = sim.radarSeen.get(eid);
        let objectsDetected = 0;
        for (let i = 0; i < seen.length; i++)
            objectsDetected += seen[i];
        const nation = sim.c.Ownership.nationIndex[eid];
        return {
            id: sim.ids[sim.c.Identity.stableIndex[eid]],
            owner: nation < 0 ? 'none' : sim.nations[nation].id,
            inViewNow: sim.c.Radar.inViewCount[eid],
            detectionsTotal: sim.c.Radar.detectionsTotal[eid],
            objectsDetected,
        };
    });
    return {
        marking: sim.model.marking,
        scenario: sim.model.name,
        contentHash: sim.model.contentHash,
        seed: sim.seed,
        runIndex: sim.runIndex,
        propagator: sim.propagator.name,
        epochUtc: isoUtc(sim.time.epochMs),
        tick: sim.tick,
        timeUtc: isoUtc(simTimeMs(sim.time, sim.tick)),
        stepMs: sim.time.stepMs,
        stateHash: stateHash(sim),
        objects: { initial: sim.objectsInitial, active: active.length, left: sim.objectsInitial - query(sim.world, [sim.c.Orbit]).length, activeByOwner: sortKeys(activeByOwner) },
        events: { logged: sim.events.count, dropped: sim.events.dropped, byKind: sortKeys(byKind) },
        radars,
    };
}
function sortKeys(record) {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
//# sourceMappingURL=summary.js.map