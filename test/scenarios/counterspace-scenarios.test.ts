/**
 * The two counterspace scenarios end to end on the real catalogs: da-asat-crisis.yaml (a DA-ASAT strike
 * on a real satellite: fragments, launch warnings per nation, fragment custody over time, conjunctions
 * with blue satellites after the event) and starlink-debris.yaml (screening at catalog scale). Run for
 * part of their duration to keep the suite short; the numbers checked do not depend on the cut.
 */
import { describe, expect, it } from 'vitest';
import { createSim, step, summarize } from '../../engine/index.js';
import { join } from 'node:path';
import { loadModel, SCENARIOS } from '../helpers.js';

describe('counterspace scenarios', () => {
  it('da-asat-crisis: the strike makes a Cosmos 1408-sized cloud, the FVEY hear of it by SBIRS and agreements, Japan (REL TO FVEY) and France (no agreement) do not, nations track the fragments and are warned of conjunctions', async () => {
    const sim = await createSim(loadModel(join(SCENARIOS, 'da-asat-crisis.yaml')));
    const until = Math.round((2.5 * 3_600_000) / sim.time.stepMs);
    while (sim.tick < until) step(sim);
    const c = summarize(sim).counterspace;
    expect(c.launches).toHaveLength(1);
    const l = c.launches[0];
    expect(l.outcome).toBe('hit');
    // The USA first by its own SBIRS (90 s reporting delay), its FVEY partners a minute later by usa-fvey.
    expect(l.warned[0]).toMatchObject({ nation: 'USA', afterLaunchS: 90, via: 'own sensor sbirs-geo-5' });
    for (const n of ['GBR', 'CAN', 'AUS']) expect(l.warned.find((w) => w.nation === n)).toMatchObject({ afterLaunchS: 150, via: 'agreement usa-fvey' });
    // usa-jpn carries missile.warning, but SBIRS warnings are REL TO FVEY: releasability stops them.
    // France has no missile-warning agreement at all.
    expect(l.notWarned).toEqual(['JPN', 'FRA']);
    // Cosmos 1408 preset: ~1,560 of 10 cm and up drawn; those thrown below 120 km perigee are refused.
    const b = c.breakups[0];
    expect(b.cause).toBe('asat');
    expect(b.drawn).toBeGreaterThan(1400);
    expect(b.added).toBeGreaterThan(1000);
    expect(b.added + b.refused + b.cut).toBe(b.drawn);
    // Custody of the fragments grows from nothing as the nations' radars see them.
    const first = c.fragments.custody[0], last = c.fragments.custody.at(-1)!;
    expect(first.custodyByNation.USA).toBe(0);
    expect(last.custodyByNation.USA).toBeGreaterThan(100);
    expect(last.inOrbit).toBeLessThanOrEqual(b.added);
    expect(c.conjunctions.screenings).toBeGreaterThan(10);
    expect(c.conjunctions.withCoalitionAfterBreakup).toBeGreaterThan(0);
    expect(c.effects.find((e) => e.kind === 'cyber')).toBeUndefined();
    sim.propagator.dispose();
  }, 240_000);

  it('starlink-debris: screening of 13,000 objects finds close approaches; the USA assesses its satellites and warns', async () => {
    const sim = await createSim(loadModel(join(SCENARIOS, 'starlink-debris.yaml')));
    const until = Math.round((20 * 60_000) / sim.time.stepMs);
    while (sim.tick < until) step(sim);
    const s = summarize(sim);
    expect(s.objects.initial).toBeGreaterThan(13_000);
    // Screenings at 0, 10 and 20 minutes.
    expect(s.counterspace.conjunctions.screenings).toBe(3);
    expect(s.counterspace.conjunctions.found).toBeGreaterThan(50);
    sim.propagator.dispose();
  }, 240_000);
});
