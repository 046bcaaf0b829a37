/**
 * The live game (`vigil serve`): which cells play, which orders nation cells may give, and whether the
 * white cell adjudicates them. A scenario without `live:` plays with one cell per declared nation,
 * orders adjudicated by the white cell, and no ASAT engagement.
 * Read next: resolve-live.ts (cells expanded to nations), docs/white-cell-guide.md.
 */
import { z } from 'zod';
import { ORDER_KINDS } from '../engine/model-live.js';
import { describe, Id, PartyId } from './schema-common.js';

export const Cell = z.strictObject({
  id: describe(Id, 'Cell id (shown to the white cell, used in URLs and the event log).'),
  name: describe(z.string().min(1), 'Display name, e.g. "Combined Space Operations Centre".').optional(),
  nations: describe(z.array(PartyId).min(1), 'The nations (or coalitions) staffing the cell: it sees each of their pictures and orders for each.'),
});

export const Observer = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  picture: describe(PartyId, 'Whose picture the observer watches: a nation (its picture alone).'),
});

export const Live = z.strictObject({
  adjudication: describe(z.enum(['automatic', 'white']), "'white': every order waits for the white cell's approval; 'automatic': accepted orders take effect at the next tick.").default('white'),
  orders: describe(z.array(z.enum(ORDER_KINDS)), "Orders nation cells may give; 'engage' (their own DA-ASAT launchers, co-orbital ASATs and lasers) only when listed.").default(['task-sensor', 'manoeuvre', 'jammer', 'agreement']),
  cells: describe(z.array(Cell), 'Nation cells: regional operations centres or single nations; every declared nation left out gets a cell of its own.').default([]),
  observers: describe(z.array(Observer), 'Read-only cells that watch one nation\'s picture.').default([]),
  frameHz: describe(z.number().min(0.2).max(10), 'Frames per second sent to each cell (at most).').default(5),
  speed: describe(z.number().min(1).max(3600), 'Clock speed the game starts at (sim seconds per wall second); it starts paused.').default(60),
});
