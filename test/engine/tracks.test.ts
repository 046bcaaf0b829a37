/**
 * Tracks and custody from a nation's own sensors: uncertainty grows linearly from the last observation,
 * custody is held exactly while it is within the threshold, and a nation's picture holds only what its
 * sensors saw (fog of war by construction).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSim, custodyTicksFor, pictureFor, stateHash, step, summarize, type ScenarioModel } from '../../engine/index.js';
import type { Sim } from '../../engine/index.js';
import { loadModel, SCENARIOS } from '../helpers.js';

/** Objects nation table `t` holds in custody now, counted the slow way over every orbiter. */
function bruteCustody(sim: Sim, t: number): number {
  const last = sim.tracks.lastObsTick[t];
  let held = 0;
  for (const eid of sim.order.orbiters) if (last[eid] >= 0 && sim.tick - last[eid] <= sim.tracks.custodyTicks) held++;
  return held;
}

describe('custody window', () => {
  it('is (threshold - initial) / growth, in whole ticks', () => {
    // Defaults: 1 km, +2 km/h, custody to 10 km: 4.5 h = 1,620 ticks of 10 s.
    expect(custodyTicksFor({ uncertaintyKmInitial: 1, uncertaintyGrowthKmPerHour: 2, custodyKmMax: 10 }, 10_000)).toBe(1620);
    expect(custodyTicksFor({ uncertaintyKmInitial: 1, uncertaintyGrowthKmPerHour: 0, custodyKmMax: 10 }, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(custodyTicksFor({ uncertaintyKmInitial: 11, uncertaintyGrowthKmPerHour: 2, custodyKmMax: 10 }, 10_000)).toBe(-1);
  });
});

/** demo-small with radars that see everything, every tick (pd 1), and a fast-ageing track model. */
function allSeeing(): ScenarioModel {
  const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
  return {
    ...model,
    sensors: model.sensors.map((s) => ({ ...s, rangeKmMax: 50_000, elevationDegMin: -90, azimuthDegMin: 0, azimuthDegMax: 360, detectionProbability: 1 })),
    // 0 km at an observation, +1 km per 10 s tick, custody to 5 km: custody lasts 5 ticks.
    tracking: { uncertaintyKmInitial: 0, uncertaintyGrowthKmPerHour: 360, custodyKmMax: 5 },
    injects: [{ ...model.injects[1], id: 'blind', tick: 10, params: { sensor: 'fylingdales-radar', durationMs: 200_000, subjects: [] } }],
  };
}

describe('tracks and custody', () => {
  it('custody holds exactly custodyTicks after the last observation, then is lost, then regained', async () => {
    const sim = await createSim(allSeeing());
    const gbr: number[] = [];
    while (sim.tick < 35) {
      step(sim);
      gbr[sim.tick] = summarize(sim).nations.find((n) => n.id === 'GBR')!.custodyNow;
      if (sim.tick === 12) {
        const p = pictureFor(sim, 'GBR');
        expect(p.tracks).toHaveLength(3);
        expect(p.tracks[0]).toMatchObject({ objectId: 'iss', ageS: 30, uncertaintyKm: 3, custody: true, lastObservedUtc: '2026-03-19T06:01:30.000Z' });
      }
      if (sim.tick === 15) expect(pictureFor(sim, 'GBR').tracks.every((t) => !t.custody && t.uncertaintyKm === 6)).toBe(true);
    }
    // Fylingdales is blind from tick 10 to 29: last observation at tick 9, custody through tick 14.
    expect(gbr.slice(1, 15)).toEqual(Array(14).fill(3));
    expect(gbr.slice(15, 30)).toEqual(Array(15).fill(0));
    expect(gbr.slice(30, 36)).toEqual(Array(6).fill(3));
    // Norway's radar never went blind.
    expect(summarize(sim).nations.find((n) => n.id === 'NOR')!.custodyNow).toBe(3);
  });

  it("a nation's picture holds only what its own sensors saw", async () => {
    const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    const sim = await createSim(model);
    while (sim.tick < 2160) step(sim);
    for (const nation of ['GBR', 'NOR']) {
      const seen = new Set<string>();
      for (const radar of model.sensors.filter((s) => s.owner === nation)) {
        const mask = sim.radarSeen.get(sim.eidById.get(radar.id)!)!;
        mask.forEach((v, stable) => v && seen.add(sim.ids[stable]));
      }
      expect(new Set(pictureFor(sim, nation).tracks.map((t) => t.objectId))).toEqual(seen);
      expect(seen.size).toBeGreaterThan(0);
    }
    // The United States has no sensor in this scenario: it knows nothing.
    expect(pictureFor(sim, 'USA').tracks).toEqual([]);
    expect(() => pictureFor(sim, 'XYZ')).toThrow(/keeps no tracks/);
  });

  it('the state hash covers custody: another threshold, another hash', async () => {
    const a = await createSim(allSeeing());
    const b = await createSim({ ...allSeeing(), tracking: { uncertaintyKmInitial: 0, uncertaintyGrowthKmPerHour: 360, custodyKmMax: 8 } });
    const differ: boolean[] = [];
    while (a.tick < 20) {
      step(a);
      step(b);
      differ.push(stateHash(a) !== stateHash(b));
    }
    // Equal until custody differs (tick 15: a lost it, b holds it to tick 17).
    expect(differ.indexOf(true)).toBe(14);
  });
});

describe('incremental custody counts', () => {
  it('equal a brute-force count every tick on the real catalog (12 radars, pd < 1, 30-tick window)', async () => {
    const model = loadModel(join(SCENARIOS, 'catalog-2026-03.yaml'));
    // 0 km, +12 km/h = 2 km per minute, custody to 10 km: 5 minutes = 30 ticks.
    const sim = await createSim({ ...model, tracking: { uncertaintyKmInitial: 0, uncertaintyGrowthKmPerHour: 120, custodyKmMax: 10 } });
    expect(sim.tracks.custodyTicks).toBe(30);
    let checked = 0;
    while (sim.tick < 120) {
      step(sim);
      for (let t = 0; t < sim.tracks.nations.length; t++) {
        const brute = bruteCustody(sim, t);
        expect(sim.tracks.custodyNow[t], `${sim.tracks.nations[t]} at tick ${sim.tick}`).toBe(brute);
        checked += brute;
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });
});

describe('an object leaving the sim', () => {
  it('leaves custody at once, and the counts stay equal to a brute force', async () => {
    const base = allSeeing();
    const low = { ...base.objects[2], id: 'low', noradId: null, orbit: { kind: 'elements' as const, elements: { epochMs: base.epochMs, meanMotionRevPerDay: 16.2, eccentricity: 0.001, inclinationDeg: 51.6, raanDeg: 0, argPerigeeDeg: 0, meanAnomalyDeg: 0, bstarPerEarthRadius: 0.5, noradId: 0 } } };
    const sim = await createSim({ ...base, stepMs: 60_000, injects: [], objects: [...base.objects, low] });
    let left = -1;
    while (sim.tick < 20_000 && (left < 0 || sim.tick < left + 3)) {
      step(sim);
      if (left < 0 && sim.events.since(0).some((e) => e.kind === 'object-left')) left = sim.tick;
      for (let t = 0; t < sim.tracks.nations.length; t++) {
        expect(sim.tracks.custodyNow[t]).toBe(bruteCustody(sim, t));
      }
    }
    expect(left).toBeGreaterThan(0);
    expect(summarize(sim).nations.find((n) => n.id === 'GBR')!.custodyNow).toBe(3);
  });
});
