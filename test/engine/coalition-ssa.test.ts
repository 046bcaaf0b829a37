/**
 * The worked example, scenarios/coalition-ssa.yaml, on the real catalog: with and without its
 * agreements (what `vigil run --without-agreement` does), same seed: a recipient's custody is never
 * lower with more sharing, and is higher where an agreement carries what it lacks; the hosted payload's
 * observations are its owner's; the NOFORN satellite's data never travels; exported pictures read back
 * as a catalog with the same orbits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { propagate } from 'satellite.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPicture } from '../../cli/picture-export.js';
import { createSim, pictureFor, satrecFrom, step, summarize, type ScenarioModel, type Sim } from '../../engine/index.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { loadModel, SCENARIOS } from '../helpers.js';

/** 40 minutes of the exercise: every agreement but the 1 h one has delivered by then. */
const TICKS = 240;
let model: ScenarioModel;
beforeAll(() => {
  model = loadModel(join(SCENARIOS, 'coalition-ssa.yaml'));
});

const without = (ids: readonly string[]): ScenarioModel => ({ ...model, agreements: model.agreements.filter((a) => !ids.includes(a.id)) });

/** Step sims side by side; `each` sees them after every tick. */
async function lockstep(models: ScenarioModel[], each: (sims: Sim[]) => void): Promise<Sim[]> {
  const sims = await Promise.all(models.map((m) => createSim(m)));
  while (sims[0].tick < TICKS) {
    for (const s of sims) step(s);
    each(sims);
  }
  return sims;
}

describe('coalition-ssa.yaml with and without its agreements (same seed)', () => {
  it('more sharing never lowers any nation custody at any tick, and the Five Eyes floor raises its recipients', async () => {
    const variants = [[], ['usa-fvey'], ['usa-jpn', 'jpn-usa'], model.agreements.map((a) => a.id)];
    let checks = 0;
    const sims = await lockstep([model, ...variants.slice(1).map(without)], (s) => {
      const [full, ...fewer] = s;
      for (let t = 0; t < full.tracks.tables.length; t++) {
        for (const f of fewer) {
          expect(full.tracks.tables[t].custodyNow, `${full.tracks.nations[t]} tick ${full.tick}`).toBeGreaterThanOrEqual(f.tracks.tables[t].custodyNow);
          checks++;
        }
      }
    });
    expect(checks).toBeGreaterThan(5000);
    const custody = (sim: Sim, nation: string) => summarize(sim).nations.find((n) => n.id === nation)!.custodyMeanFraction;
    const [full, noFvey, noJpn, none] = sims;
    // New Zealand has no sensor: all it holds comes through the Five Eyes floor.
    expect(custody(none, 'NZL')).toBe(0);
    expect(custody(full, 'NZL')).toBeGreaterThan(0.3);
    for (const n of ['GBR', 'CAN', 'AUS']) expect(custody(full, n), n).toBeGreaterThan(custody(noFvey, n) + 0.05);
    expect(custody(full, 'JPN')).toBeGreaterThan(custody(noJpn, 'JPN'));
    // Without any agreement no nation holds a shared track.
    expect(summarize(none).nations.every((n) => n.updates.shared === 0)).toBe(true);
    for (const s of sims) s.propagator.dispose();
  });
});

describe('coalition-ssa.yaml: hosted payload, NOFORN, markings', () => {
  let sim: Sim;
  beforeAll(async () => {
    [sim] = await lockstep([model], () => undefined);
  });

  it("the payload on Japan's QZS-6 observes for the United States, and its NOFORN data never reaches Japan", () => {
    const summary = summarize(sim);
    expect(summary.sensors.find((s) => s.id === 'qzs6-hosted')).toMatchObject({ kind: 'space', owner: 'USA' });
    expect(summary.sensors.find((s) => s.id === 'qzs6-hosted')!.detectionsTotal).toBeGreaterThan(0);
    for (const nation of sim.tracks.nations) {
      for (const t of pictureFor(sim, nation).tracks) {
        if (t.source.sensor === 'qzs6-hosted') expect(nation).toBe('USA');
        if (t.header.caveats.includes('NOFORN')) expect(t.header.owner).toBe(nation);
      }
      // Others may see the NOFORN satellite with their own sensors, but never by its name or the USA's data.
      if (nation !== 'USA') for (const needle of ['usa-sentinel', 'USA SENTINEL']) expect(JSON.stringify(pictureFor(sim, nation)), nation).not.toContain(needle);
    }
    expect(summary.agreements.find((a) => a.id === 'usa-fvey')!.refused.noforn).toBeGreaterThan(0);
  });

  it('the unclassified feed to Olympic Defender partners carries only unclassified items', () => {
    const od = summarize(sim).agreements.find((a) => a.id === 'usa-od-public')!;
    expect(od.refused['above-ceiling']).toBeGreaterThan(0);
    for (const nation of ['FRA', 'DEU']) {
      for (const t of pictureFor(sim, nation).tracks.filter((x) => x.source.agreement === 'usa-od-public')) expect(t.header.classification).toBe('UNCLASSIFIED');
    }
  });

  it('an exported picture reads back as a catalog with the same orbits (KVN, JSON and TLE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-picture-'));
    const [kvn, json, tle] = exportPicture(sim, 'NOR', dir);
    const picture = pictureFor(sim, 'NOR');
    const held = picture.tracks.length + picture.uncorrelated.length;
    expect(held).toBeGreaterThan(100);
    const original = new Map(model.objects.map((o) => [o.noradId, o]));
    for (const [file, format] of [[kvn, 'omm-kvn'], [json, 'omm-json'], [tle, 'tle']] as const) {
      const text = `vigil: 1\nname: read back\nepoch: 2026-03-19T12:00:00Z\nduration: 1h\ncatalogs: [{ file: ${JSON.stringify(file)}, format: ${format} }]\n`;
      const r = loadScenarioText(text, join(dir, 'readback.yaml'), dir);
      expect(r.ok, format).toBe(true);
      if (!r.ok) continue;
      const objects = r.value.model.objects;
      expect(objects, format).toHaveLength(held);
      // Same orbit: positions an hour after the epoch agree (the JSON epoch passes through a Date: 1 ms).
      for (const o of objects.slice(0, 50)) {
        const src = original.get(o.noradId)!;
        const a = propagate(satrecFrom(o.orbit), new Date(Date.UTC(2026, 2, 19, 13)));
        const b = propagate(satrecFrom(src.orbit), new Date(Date.UTC(2026, 2, 19, 13)));
        const d = Math.hypot(a!.position.x - b!.position.x, a!.position.y - b!.position.y, a!.position.z - b!.position.z);
        expect(d, `${format} ${o.id}`).toBeLessThan(0.02);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
