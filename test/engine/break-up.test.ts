/**
 * A breakup in the sim: the NASA standard breakup model's fragments enter as debris objects with SGP4
 * orbits fitted to the parent's state plus each fragment's delta-v; the parent leaves; every nation
 * first holds the fragments as uncorrelated tracks; caps cut with an event.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BREAKUP_PRESETS, expectedFragmentCount } from '../../engine/physics/breakup.js';
import { breakUp } from '../../engine/debris/break-up.js';
import { createSim, stateHash, step, summarize, type PropagatorName, type ScenarioModel } from '../../engine/index.js';
import { satrecFrom } from '../../engine/physics/orbit-sources.js';
import { sgp4 } from 'satellite.js';
import { loadModel, SCENARIOS } from '../helpers.js';

function model(): ScenarioModel {
  const m = loadModel(join(SCENARIOS, 'demo-small.yaml'));
  return { ...m, injects: [], sensors: m.sensors.map((s) => ({ ...s, rangeKmMax: 40_000, elevationDegMin: -5, detectionProbability: 1 })) };
}

describe('breakUp', () => {
  it('a non-catastrophic collision craters the parent: it stays in orbit under its own id, only ejecta are added', async () => {
    const sim = await createSim(model());
    step(sim);
    // 1 kg at 1 km/s on 1,000 kg: E* = 0.5 * 1 * 1000^2 / 1000 = 500 J/kg, far under 40 J/g.
    const input = { kind: 'collision' as const, targetMassKg: 1000, projectileMassKg: 1, impactSpeedKmPerS: 1, targetKind: 'spacecraft' as const, lcMinM: 0.01 };
    const r = breakUp(sim, 'iss', input);
    expect(r.regime).toBe('non-catastrophic');
    expect(r.parentSurvives).toBe(true);
    expect(r.drawn).toBeGreaterThan(0);
    expect(r.ids.every((id) => id.startsWith('iss-F'))).toBe(true);
    step(sim);
    expect(sim.eidById.has('iss')).toBe(true);
    expect(sim.events.since(0).filter((e) => e.kind === 'object-left' && e.subjects.includes('iss'))).toEqual([]);
    // What was added is the ejecta alone: the parent is still one of the initial objects.
    expect(summarize(sim).objects).toMatchObject({ initial: 3, added: r.added, active: 3 + r.added - summarize(sim).objects.left });
    sim.propagator.dispose();
  });

  it('Cosmos 1408 preset on the ISS-class orbit: ~1,560 fragments enter the next tick near the parent, the parent leaves', async () => {
    const sim = await createSim(model());
    for (let i = 0; i < 5; i++) step(sim);
    const parent = sim.eidById.get('iss')!;
    const at = [0, 1, 2].map((j) => sim.c.Kinematics.posTemeKm[3 * parent + j]);
    const preset = BREAKUP_PRESETS['cosmos-1408'].input;
    const t0 = performance.now();
    const r = breakUp(sim, 'iss', preset);
    const ms = performance.now() - t0;
    console.log(`breakup of a ${preset.targetMassKg} kg target: ${r.drawn} fragments drawn, ${r.added} added in ${ms.toFixed(1)} ms`);
    const expected = expectedFragmentCount(preset);
    expect(r.drawn).toBeGreaterThan(0.9 * expected);
    expect(r.added + r.refused).toBe(r.drawn);
    // From a 420 km orbit, a retrograde delta-v of ~100 m/s drops the perigee under 120 km: those
    // fragments re-enter within hours and are refused, not added (the model's delta-v tail is wide).
    expect(r.refused).toBeLessThan(0.3 * r.drawn);
    expect(r.added).toBeGreaterThan(1000);
    // The fragments added, their ids and masses in entry order (what a collision system reads).
    expect(r.ids.length).toBe(r.added);
    expect(r.massKg.length).toBe(r.added);
    expect(new Set(r.ids).size).toBe(r.added);
    expect(r.ids.every((id) => id.startsWith('iss-F') && sim.eidById.has(id))).toBe(true);
    expect(r.massKg.every((m) => m > 0 && m < preset.targetMassKg)).toBe(true);
    step(sim);
    expect(sim.eidById.has('iss')).toBe(false);
    const objects = summarize(sim).objects;
    // The parent left; a few fragments thrown onto re-entering orbits may leave at their first step.
    expect(objects).toMatchObject({ initial: 3, added: r.added });
    expect(objects.active + objects.left).toBe(3 + r.added);
    expect(objects.left).toBeGreaterThanOrEqual(1);
    expect(objects.left).toBeLessThan(0.05 * r.added);
    // One step (10 s) later every fragment is within a few km of where the parent was, plus 10 s of orbit.
    let near = 0;
    const present = objects.active - 2;
    for (const eid of sim.order.orbiters) {
      const id = sim.ids[sim.c.Identity.stableIndex[eid]];
      if (!id.startsWith('iss-F')) continue;
      const k = 3 * eid;
      const d = Math.hypot(sim.c.Kinematics.posTemeKm[k] - at[0], sim.c.Kinematics.posTemeKm[k + 1] - at[1], sim.c.Kinematics.posTemeKm[k + 2] - at[2]);
      // 10 s at ~7.7 km/s plus the model's delta-v (its log-normal tail reaches a few km/s).
      expect(d).toBeLessThan(10 * (7.8 + 4));
      near++;
    }
    expect(near).toBe(present);
    const events = sim.events.since(0);
    expect(events.find((e) => e.kind === 'breakup')?.payload).toMatchObject({ object: 'iss', drawn: r.drawn, added: r.added });
    expect(events.some((e) => e.kind === 'object-left' && e.subjects.includes('iss'))).toBe(true);
    // When the cloud passes over a radar, it picks fragments up as uncorrelated tracks (nobody catalogued them).
    let ucts = 0;
    for (let i = 0; i < 600 && ucts === 0; i++) {
      step(sim);
      ucts = Math.max(...summarize(sim).nations.map((n) => n.uncorrelated));
    }
    expect(ucts).toBeGreaterThan(0);
  });

  it('a per-event cap cuts the smallest fragments with a limit event', async () => {
    const sim = await createSim(model());
    step(sim);
    const r = breakUp(sim, 'iss', BREAKUP_PRESETS['fengyun-1c'].input, 200);
    expect(r.drawn).toBeLessThanOrEqual(200);
    expect(r.drawn).toBeGreaterThan(150);
    expect(r.cut).toBeGreaterThan(2000);
    expect(sim.events.since(0).some((e) => e.kind === 'limit-reached' && (e.payload as { limit: string }).limit === 'fragmentsPerEventMax')).toBe(true);
  });

  it('every fragment added starts on SGP4 within the fit tolerance (1 m) of the breakup point, and the same seed gives the same fragments', async () => {
    const runs: { ids: string[]; massKg: number[]; elements: unknown[] }[] = [];
    for (let run = 0; run < 2; run++) {
      const sim = await createSim(model());
      for (let i = 0; i < 5; i++) step(sim);
      const parent = sim.eidById.get('iss')!;
      const at = [0, 1, 2].map((j) => sim.c.Kinematics.posTemeKm[3 * parent + j]);
      const vParent = [0, 1, 2].map((j) => sim.c.Kinematics.velTemeKmps[3 * parent + j]);
      const r = breakUp(sim, 'iss', BREAKUP_PRESETS['cosmos-1408'].input);
      expect(r.added).toBeGreaterThan(1000);
      const elements: unknown[] = [];
      let worstM = 0;
      for (const id of r.ids) {
        const eid = sim.eidById.get(id)!;
        const satrec = sim.c.Orbit.satrec[eid]!;
        const s = sgp4(satrec, 0)!;
        worstM = Math.max(worstM, 1000 * Math.hypot(s.position.x - at[0], s.position.y - at[1], s.position.z - at[2]));
        // Its velocity is the parent's plus the fragment's delta-v (the model's tail reaches a few km/s).
        expect(Math.hypot(s.velocity.x - vParent[0], s.velocity.y - vParent[1], s.velocity.z - vParent[2])).toBeLessThan(8);
        const o = sim.objects[sim.c.Identity.stableIndex[eid]]!;
        expect(o.orbit.kind).toBe('elements');
        // The satrec kept is the one the engine would build from the fragment's elements.
        const rebuilt = sgp4(satrecFrom(o.orbit), 0)!;
        expect(rebuilt.position).toEqual(s.position);
        elements.push(o.orbit);
      }
      expect(worstM).toBeLessThan(1);
      runs.push({ ids: r.ids, massKg: r.massKg, elements });
      sim.propagator.dispose();
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('fragments appended to the loaded propagator give the same states as a full reload, on both backends (same seed, same hashes)', async () => {
    for (const propagator of ['wasm', 'js'] as PropagatorName[]) {
      const hashes: string[][] = [];
      for (const reload of [false, true]) {
        const sim = await createSim(model(), { propagator });
        for (let i = 0; i < 3; i++) step(sim);
        const first = breakUp(sim, 'iss', BREAKUP_PRESETS['cosmos-1408'].input, 300);
        // A second breakup of the first's fragments, two ticks later: slots are appended twice, after a removal.
        step(sim);
        step(sim);
        breakUp(sim, first.ids[0], BREAKUP_PRESETS['cosmos-1408'].input, 300);
        step(sim);
        // A third, small one: it fits in the room the WASM backend's last growth left (no new native array).
        breakUp(sim, first.ids[1], BREAKUP_PRESETS['cosmos-1408'].input, 3);
        if (reload) sim.order.reload = true;
        const h: string[] = [];
        for (let i = 0; i < 20; i++) {
          step(sim);
          h.push(stateHash(sim));
        }
        hashes.push(h);
        sim.propagator.dispose();
      }
      expect(hashes[0], propagator).toEqual(hashes[1]);
    }
  });
});
