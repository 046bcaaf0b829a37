import { describe, expect, it } from 'vitest';
import { SCHEDULE } from '../../engine/schedule.js';

describe('SCHEDULE', () => {
  it('runs the systems of a tick in the pinned order: events, truth, sense', () => {
    expect(SCHEDULE.map((s) => s.name)).toEqual(['applyInjects', 'propagateOrbits', 'earthFixed', 'engage', 'satcomLinks', 'pntFixes', 'sense', 'fuseOwn', 'share', 'scoreCustody', 'conjunctions']);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(SCHEDULE)).toBe(true);
  });
});
