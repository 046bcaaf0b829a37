/**
 * Tracks and custody from a nation's own sensors: uncertainty grows linearly from the last observation,
 * custody is held exactly while it is within the threshold, and a nation's picture holds only what its
 * sensors saw (fog of war by construction).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSim, expiryOf, fuseSigma, pictureFor, sigmaAt, stateHash, step, summarize, type ScenarioModel, type TrackingModel } from '../../engine/index.js';
import type { Sim } from '../../engine/index.js';
import { loadModel, SCENARIOS, testSeed } from '../helpers.js';
import { expireCustody, inCustody, OWN as OWN_VIA, report } from '../../engine/tracks.js';

/** Objects of interest nation table `t` holds in custody now, from the uncertainty formula, the slow way. */
function bruteCustody(sim: Sim, t: number): number {
  const table = sim.tracks.tables[t];
  const growth = (sim.model.tracking.uncertaintyGrowthKmPerHour * sim.model.stepMs) / 3_600_000;
  let held = 0;
  for (const eid of sim.order.orbiters) {
    const s = sim.c.Identity.stableIndex[eid];
    const u = table.updateTick[s];
    if (u >= 0 && table.sigmaKm[s] + growth * (sim.tick - u) <= sim.model.tracking.custodyKmMax + 1e-9) held++;
  }
  return held;
}

const tracking = (t: Partial<TrackingModel>): TrackingModel => ({ uncertaintyKmInitial: 1, uncertaintyGrowthKmPerHour: 2, custodyKmMax: 10, correlationReports: 3, interest: null, ...t });

describe('track uncertainty', () => {
  it('custody lasts (threshold - sigma) / growth after an update, in whole ticks', async () => {
    const sim = await createSim({ ...loadModel(join(SCENARIOS, 'demo-small.yaml')), tracking: tracking({}) });
    // 1 km, +2 km/h at 10 s steps, custody to 10 km: 4.5 h = 1,620 ticks after the update, out at 1,621.
    expect(expiryOf(sim.tracks, 1, 100)).toBe(100 + 1620 + 1);
    expect(expiryOf(sim.tracks, 11, 100)).toBe(100);
  });

  it('combining two estimates never gives more than either, and is symmetric (fast-check)', () => {
    const seed = testSeed();
    console.log(`fuseSigma property seed ${seed} (reproduce: VIGIL_TEST_SEED=${seed})`);
    const sigma = fc.double({ min: 1e-6, max: 1e5, noNaN: true });
    fc.assert(fc.property(sigma, sigma, sigma, (a, b, c) => {
      const ab = fuseSigma(a, b);
      expect(ab).toBeLessThanOrEqual(Math.min(a, b) * (1 + 1e-12));
      expect(ab).toBeCloseTo(fuseSigma(b, a), 12);
      // Monotone: a worse prior never gives a better result (the ordering tests rely on it).
      if (a <= c) expect(fuseSigma(a, b)).toBeLessThanOrEqual(fuseSigma(c, b) * (1 + 1e-12));
      // Two equal estimates: sigma / sqrt(2).
      expect(fuseSigma(a, a)).toBeCloseTo(a / Math.SQRT2, 9);
    }), { seed });
    expect(fuseSigma(Infinity, 3)).toBe(3);
  });
});

/** demo-small with radars that see everything, every tick (pd 1), and a fast-ageing track model. */
function allSeeing(): ScenarioModel {
  const model = loadModel(join(SCENARIOS, 'demo-small.yaml'));
  return {
    ...model,
    sensors: model.sensors.map((s) => ({ ...s, rangeKmMax: 50_000, elevationDegMin: -90, azimuthDegMin: 0, azimuthDegMax: 360, detectionProbability: 1, measurementNoiseKm: 0 })),
    // 0 km at an observation, +1 km per 10 s tick, custody to 5 km: custody lasts 5 ticks.
    tracking: tracking({ uncertaintyKmInitial: 0, uncertaintyGrowthKmPerHour: 360, custodyKmMax: 5 }),
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
        expect(p.tracks[0]).toMatchObject({ objectId: 'iss', ageS: 30, uncertaintyKm: 3, custody: true, lastUpdateUtc: '2026-03-19T06:01:30.000Z' });
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
        const mask = sim.sensorSeen.get(sim.eidById.get(radar.id)!)!;
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
    const b = await createSim({ ...allSeeing(), tracking: tracking({ uncertaintyKmInitial: 0, uncertaintyGrowthKmPerHour: 360, custodyKmMax: 8 }) });
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
    const sim = await createSim({ ...model, sensors: model.sensors.map((s) => ({ ...s, measurementNoiseKm: 0 })), tracking: tracking({ uncertaintyKmInitial: 0, uncertaintyGrowthKmPerHour: 120, custodyKmMax: 10 }) });
    expect(expiryOf(sim.tracks, 0, 0)).toBe(31);
    let checked = 0;
    while (sim.tick < 120) {
      step(sim);
      for (let t = 0; t < sim.tracks.nations.length; t++) {
        const brute = bruteCustody(sim, t);
        expect(sim.tracks.tables[t].custodyNow, `${sim.tracks.nations[t]} at tick ${sim.tick}`).toBe(brute);
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
        expect(sim.tracks.tables[t].custodyNow).toBe(bruteCustody(sim, t));
      }
    }
    expect(left).toBeGreaterThan(0);
    expect(summarize(sim).nations.find((n) => n.id === 'GBR')!.custodyNow).toBe(3);
  });
});

describe('custody counts', () => {
  it('follow every track into and out of custody, near and far expiries alike (seeded, against a count of every object)', async () => {
    const seed = testSeed();
    console.log(`custody counts seed ${seed}; reproduce with VIGIL_TEST_SEED=${seed} npx vitest run test/engine/tracks.test.ts`);
    let x = seed >>> 0;
    const rand = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    // Growth rates that put expiries within the first 1,024 ticks, beyond them (the array grows), and past
    // 65,536 ticks (the map), all in one table.
    for (const growthKmPerHour of [360, 2, 0.05]) {
      const model = { ...loadModel(join(SCENARIOS, 'demo-small.yaml')), tracking: tracking({ uncertaintyGrowthKmPerHour: growthKmPerHour, custodyKmMax: 10 }) };
      const sim = await createSim(model);
      const tracks = sim.tracks;
      const n = tracks.size;
      const t = 0;
      const table = tracks.tables[t];
      const brute = (tick: number) => {
        let held = 0;
        for (let s = 0; s < n; s++) if (tracks.interest[s] === 1 && inCustody(table, s, tick)) held++;
        return held;
      };
      const start = sim.tick + 1;
      const end = start + (growthKmPerHour === 0.05 ? 80_000 : 5_000);
      expect(table.custodyNow).toBe(brute(sim.tick));
      for (let tick = start; tick < end; tick++) {
        expireCustody(tracks, tick);
        if (tick < start + 200 || rand() < 0.002) {
          const s = Math.floor(rand() * n);
          report(tracks, t, s, tick, rand() < 0.2 ? 12 : 10 * rand(), true, OWN_VIA, -1, tick, 0, 0);
        }
        if (tick < start + 300 || tick % 97 === 0 || tick > end - 50) expect(table.custodyNow, `growth ${growthKmPerHour} km/h, tick ${tick}`).toBe(brute(tick));
      }
      expect(table.custodyNow).toBe(brute(end - 1));
      sim.propagator.dispose();
    }
  }, 60_000);
});

describe('a report', () => {
  it('leaves the uncertainty fuseSigma gives (report spells the formula out on its hot path; seeded)', async () => {
    const sim = await createSim({ ...loadModel(join(SCENARIOS, 'demo-small.yaml')), tracking: tracking({}) });
    const seed = testSeed();
    let x = seed >>> 0;
    const rand = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const table = sim.tracks.tables[0];
    for (let k = 0; k < 2000; k++) {
      const s = Math.floor(rand() * sim.tracks.size);
      const tick = 10 + k;
      const r = rand() < 0.05 ? Infinity : 20 * rand() + 1e-3;
      const expected = fuseSigma(sigmaAt(sim.tracks, table.sigmaKm[s], table.updateTick[s], tick), r);
      report(sim.tracks, 0, s, tick, r, true, OWN_VIA, -1, tick, 0, 0);
      expect(table.sigmaKm[s], `report ${k} (seed ${seed})`).toBe(expected);
    }
    sim.propagator.dispose();
  });
});
