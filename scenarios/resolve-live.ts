/**
 * The live game's section (`live:`): cells expanded to declared nations, each nation in one cell, every
 * declared nation without a cell given one of its own, observers' pictures checked.
 * Read next: schema-live.ts, viewer/server/cells.ts (tokens bound to these cells).
 */
import type { CellModel, LiveModel, ObserverModel } from '../engine/model.js';
import type { Path } from './positions.js';
import { didYouMean } from './problems.js';
import type { Resolver } from './resolve.js';

/** Most cells a live game serves (nation cells and observers). */
export const CELLS_MAX = 64;

export function resolveLive(r: Resolver): LiveModel {
  const live = r.s.live;
  const cells: CellModel[] = [];
  const cellOf = new Map<string, string>();
  const ids = new Set<string>(['white']);
  const claim = (id: string, path: Path): void => {
    if (ids.has(id)) r.add(path, 'DUPLICATE_ID', id === 'white' ? "'white' is the white cell's id: name the cell otherwise" : `cell id '${id}' is used twice: cell and observer ids are unique`);
    ids.add(id);
  };
  live.cells.forEach((c, i) => {
    const path: Path = ['live', 'cells', i];
    claim(c.id, [...path, 'id']);
    const nations = new Set<string>();
    c.nations.forEach((p, j) => {
      for (const n of r.partyRef(p, [...path, 'nations', j]) ?? []) {
        const other = cellOf.get(n);
        if (other !== undefined && other !== c.id) r.add([...path, 'nations', j], 'INVALID_VALUE', `${n} already plays in cell '${other}': a nation plays in one cell`);
        cellOf.set(n, c.id);
        nations.add(n);
      }
    });
    cells.push({ id: c.id, name: c.name ?? c.id, nations: [...nations].sort() });
  });
  for (const n of r.declaredIds()) {
    if (cellOf.has(n)) continue;
    const path: Path = ['live'];
    claim(n, path);
    cells.push({ id: n, name: n, nations: [n] });
  }
  const observers: ObserverModel[] = live.observers.map((o, i) => {
    const path: Path = ['live', 'observers', i];
    claim(o.id, [...path, 'id']);
    if (!r.declaredIds().includes(o.picture)) r.add([...path, 'picture'], 'UNKNOWN_REF', `an observer watches one declared nation's picture: '${o.picture}' is not one${didYouMean(o.picture, r.declaredIds())}`);
    return { id: o.id, name: o.name ?? o.id, picture: o.picture };
  });
  if (cells.length + observers.length > CELLS_MAX) {
    r.add(['live'], 'LIMIT', `the game would have ${cells.length + observers.length} cells and observers, over ${CELLS_MAX}: group nations into regional cells`);
  }
  return { adjudication: live.adjudication, orders: [...new Set(live.orders)], cells, observers, frameHz: live.frameHz, speed: live.speed };
}
