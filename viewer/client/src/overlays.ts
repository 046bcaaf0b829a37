/**
 * The overlay layers, each toggled by the cell: sensor coverage, jammers (truth for the white cell; the
 * emitters a nation has located, with their uncertainty), GNSS availability over the receiver regions,
 * SATCOM links (terminal to satellite, up or down), ASAT fly-outs (or the launches a nation was warned
 * of), conjunction alerts, debris (fragments coloured apart), the night side and labels. Drawn in map
 * units into one Graphics when the server's overlays change or a layer is toggled.
 */
import type { Graphics } from 'pixi.js';
import { circlePoints, toMap } from './geo.js';
import type { Overlays, Store } from './store.js';

export const LAYERS = [
  { name: 'coverage', label: 'Sensor coverage', on: true },
  { name: 'jammers', label: 'Jammers', on: true },
  { name: 'pnt', label: 'GNSS availability', on: true },
  { name: 'satcom', label: 'SATCOM links', on: true },
  { name: 'asat', label: 'ASAT fly-outs', on: true },
  { name: 'conjunctions', label: 'Conjunction alerts', on: true },
  { name: 'debris', label: 'Debris', on: true },
  { name: 'night', label: 'Day / night', on: true },
  { name: 'labels', label: 'Labels on zoom', on: true },
] as const;
export type LayerName = (typeof LAYERS)[number]['name'];

let indexed: { frame: unknown; at: Map<string, number> } = { frame: null, at: new Map() };

/** Where the frame puts a designation, if it is drawn (an index built once per frame). */
function glyphAt(store: Store, designation: string): [number, number] | null {
  const f = store.next;
  if (!f) return null;
  if (indexed.frame !== f) {
    const at = new Map<string, number>();
    for (let i = 0; i < f.header.count; i++) {
      const d = store.nameOf(f.slot[i])?.d;
      if (d !== undefined) at.set(d, i);
    }
    indexed = { frame: f, at };
  }
  const i = indexed.at.get(designation);
  return i === undefined ? null : [f.lat[i], f.lon[i]];
}

/** A small circle's outline, broken where it crosses the antimeridian. */
function ring(g: Graphics, lat: number, lon: number, radiusKm: number): void {
  let last: [number, number] | null = null;
  for (const [plat, plon] of circlePoints(lat, lon, radiusKm)) {
    const p = toMap(plat, plon);
    if (last && Math.abs(p[0] - last[0]) < 1800) g.lineTo(p[0], p[1]);
    else g.moveTo(p[0], p[1]);
    last = p;
  }
}

/** A line on the map that takes the short way across the antimeridian. */
function line(g: Graphics, a: [number, number], b: [number, number]): void {
  const [x1, y1] = toMap(a[0], a[1]);
  const [bx, y2] = toMap(b[0], b[1]);
  const x2 = bx - x1 > 1800 ? bx - 3600 : x1 - bx > 1800 ? bx + 3600 : bx;
  g.moveTo(x1, y1).lineTo(x2, y2);
}

export function drawOverlays(g: Graphics, store: Store, on: ReadonlyMap<LayerName, boolean>, o: Overlays | null): void {
  g.clear();
  if (!o) return;
  if (on.get('coverage')) {
    for (const s of o.sensors) {
      // Outlines only (filled areas cost a software renderer dearly), drawn point to point so a circle
      // over a pole or across the antimeridian draws no map edge.
      ring(g, s.latDeg, s.lonDeg, s.radiusKm);
      g.stroke({ color: s.down ? 0xe53935 : 0x58a6ff, width: 1, alpha: 0.7, pixelLine: true });
      const [x, y] = toMap(s.latDeg, s.lonDeg);
      g.rect(x - 3, y - 3, 6, 6).fill({ color: s.down ? 0xe53935 : 0x58a6ff });
    }
  }
  if (on.get('jammers')) {
    for (const j of o.jammers) {
      const [x, y] = toMap(j.latDeg, j.lonDeg);
      if (j.uncertaintyKm !== null) {
        ring(g, j.latDeg, j.lonDeg, Math.max(5, j.uncertaintyKm));
        g.stroke({ color: 0xff7b72, width: 1, pixelLine: true });
      }
      g.poly([x, y - 6, x + 6, y, x, y + 6, x - 6, y]).fill({ color: j.on ? 0xff7b72 : 0x6e7681 });
    }
  }
  if (on.get('pnt')) {
    for (const r of o.pnt) {
      for (const [lat, lon, fix] of r.points) {
        const [x, y] = toMap(lat, lon);
        const ok = fix === -1 ? r.fixFraction >= 0.5 : fix === 1;
        g.rect(x - 2, y - 2, 4, 4).fill({ color: ok ? 0x3fb950 : 0xf85149, alpha: 0.8 });
      }
    }
  }
  if (on.get('satcom')) {
    for (const t of o.satcom) {
      const sat = t.satellite ? glyphAt(store, t.satellite) : null;
      if (sat) {
        line(g, [t.latDeg, t.lonDeg], sat);
        g.stroke({ color: t.up ? 0x3fb950 : 0xf85149, width: 1, alpha: 0.8, pixelLine: true });
      }
      const [x, y] = toMap(t.latDeg, t.lonDeg);
      g.circle(x, y, 3).fill({ color: t.up ? 0x3fb950 : 0xf85149 });
    }
  }
  if (on.get('asat')) {
    for (const a of o.asat) {
      const [x, y] = toMap(a.from[0], a.from[1]);
      if (a.to) {
        line(g, a.from, a.to);
        g.stroke({ color: a.outcome === 'hit' ? 0xf85149 : 0xffa657, width: 2, pixelLine: true });
        const [ix, iy] = toMap(a.to[0], a.to[1]);
        g.circle(ix, iy, 5).stroke({ color: 0xf85149, width: 2, pixelLine: true });
      }
      g.star(x, y, 5, 7).fill({ color: 0xffa657 });
    }
  }
  if (on.get('conjunctions')) {
    for (const c of o.conjunctions) {
      const p = glyphAt(store, c.object1) ?? glyphAt(store, c.object2);
      if (!p) continue;
      const [x, y] = toMap(p[0], p[1]);
      g.circle(x, y, 8).stroke({ color: 0xffd33d, width: 2, pixelLine: true });
    }
  }
}
