/**
 * Objects added during a run (fragments, launches): they propagate exactly as SGP4 says, sensors see them,
 * nations first hold them as uncorrelated tracks (they are not in the public catalog), custody counts stay
 * equal to a brute-force count, and a run with the same additions is deterministic.
 */
import { join } from 'node:path';
import { propagate } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { addObjects, createSim, pictureFor, satrecFrom, stateHash, step, summarize, type OrbitalObjectModel, type ScenarioModel, type Sim } from '../../engine/index.js';
import { loadModel, SCENARIOS } from '../helpers.js';

/** demo-small with radars that see far, and 40 objects added at tick 30 around the ISS's orbit. */
function base(): ScenarioModel {
  const m = loadModel(join(SCENARIOS, 'demo-small.yaml'));
  return { ...m, sensors: m.sensors.map((s) => ({ ...s, rangeKmMax: 40_000, elevationDegMin: -5, detectionProbability: 1 })), injects: [] };
}

function fragments(m: ScenarioModel, n: number): OrbitalObjectModel[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `frag-${i}`, name: `FRAGMENT ${i}`, noradId: null, owner: null, kind: 'debris' as const,
    orbit: { kind: 'elements' as const, elements: { epochMs: m.epochMs, meanMotionRevPerDay: 15.4 + i * 0.01, eccentricity: 0.001 + i * 1e-4, inclinationDeg: 51.6, raanDeg: (i * 7) % 360, argPerigeeDeg: 0, meanAnomalyDeg: (i * 13) % 360, bstarPerEarthRadius: 0.0001, noradId: 90000 + i } },
    rcsM2: 0.05, standardMagnitude: null, catalogued: false, marking: null, constellation: null, origin: 'test',
  }));
}

async function run(m: ScenarioModel, at: number, added: OrbitalObjectModel[], until: number, each?: (sim: Sim) => void): Promise<{ sim: Sim; hashes: string[] }> {
  const sim = await createSim(m);
  const hashes: string[] = [];
  while (sim.tick < until) {
    step(sim);
    if (sim.tick === at) addObjects(sim, added);
    hashes.push(stateHash(sim));
    each?.(sim);
  }
  return { sim, hashes };
}

describe('objects added during a run', () => {
  it('propagate as SGP4, are seen as uncorrelated tracks first, and keep the custody counts exact', async () => {
    const m = base();
    const added = fragments(m, 40);
    let checked = 0;
    const { sim } = await run(m, 30, added, 200, (s) => {
      if (s.tick <= 30) return;
      // Positions: the entity's TEME position equals satellite.js's at the same time (the propagator was reloaded).
      const eid = s.eidById.get('frag-7')!;
      const sat = satrecFrom(added[7].orbit);
      const p = propagate(sat, new Date(s.model.epochMs + s.tick * s.model.stepMs))!;
      const k = 3 * eid;
      const d = Math.hypot(s.c.Kinematics.posTemeKm[k] - p.position.x, s.c.Kinematics.posTemeKm[k + 1] - p.position.y, s.c.Kinematics.posTemeKm[k + 2] - p.position.z);
      expect(d, `tick ${s.tick}`).toBeLessThan(1e-3);
      // Custody of the objects of interest (all): the incremental count equals the slow one.
      for (const t of s.tracks.tables) {
        let held = 0;
        for (const e of s.order.orbiters) {
          const st = s.c.Identity.stableIndex[e];
          if (t.known[st] === 1 && t.updateTick[st] >= 0 && s.tick < t.expiryTick[st]) held++;
        }
        expect(t.custodyNow, `${t.nation} tick ${s.tick}`).toBe(held);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100);
    const summary = summarize(sim);
    expect(summary.objects).toMatchObject({ initial: 3, added: 40, active: 43, left: 0 });
    // Nobody had them in a catalog: GBR's and NOR's radars built uncorrelated tracks, then catalogued some.
    const gbr = pictureFor(sim, 'GBR');
    expect(gbr.tracks.some((t) => t.objectId.startsWith('UCT-GBR-'))).toBe(true);
    expect(JSON.stringify(gbr)).not.toContain('frag-');
    expect(sim.events.since(0).some((e) => e.kind === 'track-correlated')).toBe(true);
  });

  it('the same additions give the same hash sequence; without them the hashes differ from the next tick, when they enter', async () => {
    const m = base();
    const a = await run(m, 30, fragments(m, 40), 80);
    const b = await run(m, 30, fragments(m, 40), 80);
    const c = await run(m, 30, [], 80);
    expect(a.hashes).toEqual(b.hashes);
    // hashes[i] is tick i + 1: added during tick 30, they are in the state from tick 31.
    expect(a.hashes.findIndex((h, i) => h !== c.hashes[i])).toBe(30);
  });

  it('past limits.entitiesMax the rest are refused, counted, and logged once', async () => {
    const m = base();
    const limited: ScenarioModel = { ...m, limits: { ...m.limits, entitiesMax: m.objects.length + m.sites.length + m.sensors.length + 10 } };
    const sim = await createSim(limited);
    step(sim);
    const r = addObjects(sim, fragments(m, 25));
    expect(r.eids).toHaveLength(10);
    expect(r.refused).toBe(15);
    step(sim);
    expect(sim.order.orbiters.length).toBe(13);
    expect(sim.events.since(0).filter((e) => e.kind === 'limit-reached')).toHaveLength(1);
  });
});
