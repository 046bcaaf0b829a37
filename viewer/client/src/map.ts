/**
 * The map: Pixi.js 8 (WebGL) over a 2D canvas. The base map (sea, coastlines, graticule, night side) is
 * drawn on the 2D canvas only when the view or the night side moves; the overlays live in a Pixi container
 * in map units that pans and zooms; the satellites are one ParticleContainer in screen space,
 * one particle per glyph drawn in a single batch, placed each animation frame by interpolating between
 * the last two server frames (snapshot interpolation: the display runs one frame behind, so motion is
 * smooth at any frame rate). Glyph colour: a nation's track state, or truth's owner.
 *
 * Read next: store.ts (frames), overlays.ts (the layers), panels.ts.
 */
import { Application, Container, Graphics, Particle, ParticleContainer, Texture } from 'pixi.js';

import { drawGeoCanvas, landFeature, MAP_H, MAP_W, nightSide, toMap } from './geo.js';
import type { Store } from './store.js';
import { drawOverlays, LAYERS, type LayerName } from './overlays.js';

export const STATE_COLOURS = [0x3ddc84, 0xffb300, 0xe53935, 0xd500f9];
export const STATE_NAMES = ['in custody', 'stale', 'lost', 'uncorrelated'];
// Owners in the white cell's truth view: blues and violets for blue nations, reds for red ones (no green,
// amber or magenta: those are a nation's track states), grey for nobody's; debris yellow.
const BLUE = [0x58a6ff, 0x79c0ff, 0x1f6feb, 0x56d4dd, 0xa5d6ff, 0x388bfd, 0xd2a8ff, 0xbc8cff, 0x39c5cf, 0x8ab4f8];
const RED = [0xff7b72, 0xf85149, 0xda3633, 0xff9492];
const NOBODY = 0x8b949e;
const DEBRIS = 0xfff176;
const GLYPH_PX = 5;

export interface MapView {
  zoom: number;
  panX: number;
  panY: number;
}

export class WorldMap {
  readonly app = new Application();
  readonly world = new Container();
  readonly overlayLayer = new Graphics();
  readonly track = new Graphics();
  readonly glyphs = new ParticleContainer({ dynamicProperties: { position: true, color: true, vertex: false, rotation: false, uvs: false } });
  readonly ring = new Graphics();
  readonly view: MapView = { zoom: 1, panX: 0, panY: 0 };
  readonly layers = new Map<LayerName, boolean>(LAYERS.map((l) => [l.name, l.on]));
  /** Screen position of each glyph drawn last (index = frame record). */
  screenX = new Float32Array(0);
  screenY = new Float32Array(0);
  selected: string | null = null;
  groundTrack: [number, number][] = [];
  #texture: Texture | null = null;
  #nightAt = -Infinity;
  #labels: HTMLDivElement;
  #labelsAt = 0;
  #drawn = { frame: null as unknown, alpha: -1, zoom: 0, panX: 0, panY: 0 };
  /** Work per rendered frame, ms (the browser bench reads them). */
  readonly frameTimes: number[] = [];

  constructor(readonly host: HTMLElement, readonly store: Store) {
    this.#labels = document.createElement('div');
    this.#labels.className = 'labels';
  }

  async init(): Promise<void> {
    // The base map (sea, land, graticule, night side) is a 2D canvas under the WebGL one, redrawn only when
    // the view or the night side moves: the WebGL canvas (transparent) draws what changes every frame.
    this.host.appendChild(this.#baseCanvas);
    await this.app.init({ resizeTo: this.host, backgroundAlpha: 0, antialias: false, preference: 'webgl', autoDensity: true, resolution: 1 });
    this.host.appendChild(this.app.canvas);
    this.host.appendChild(this.#labels);
    this.#land = landFeature();
    this.world.addChild(this.overlayLayer, this.track);
    this.app.stage.addChild(this.world, this.glyphs, this.ring);
    const dot = new Graphics().circle(GLYPH_PX, GLYPH_PX, GLYPH_PX / 2 + 0.5).fill({ color: 0xffffff });
    this.#texture = this.app.renderer.generateTexture({ target: dot, resolution: 2 });
    this.fit();
    this.#bindInput();
    this.app.renderer.on('resize', () => {
      this.fit();
      this.invalidate();
    });
    // Drawn on demand: a frame is rendered only when something changed (a server frame, the interpolation
    // between two, a pan or zoom, a layer), never every animation frame for nothing.
    this.app.ticker.stop();
    const loop = (now: number) => {
      if (this.#dirty || this.alpha(now) < 1) {
        this.#dirty = false;
        this.#render(now);
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  #dirty = true;
  #tinted: unknown = null;
  #prevIndex = new Map<number, number>();
  #prevIndexOf: unknown = null;
  readonly #baseCanvas = Object.assign(document.createElement('canvas'), { className: 'base-map' });
  #land: ReturnType<typeof landFeature> | null = null;
  #baseDrawn = { zoom: 0, panX: 0, panY: 0, w: 0, h: 0, night: -1, nightOn: true };

  /** The base map, if the view, the size or the night side changed since it was drawn. */
  #drawBase(nightMs: number): void {
    const w = this.app.renderer.width, h = this.app.renderer.height;
    const d = this.#baseDrawn;
    const { zoom, panX, panY } = this.view;
    const nightOn = this.layers.get('night') ?? true;
    if (d.zoom === zoom && d.panX === panX && d.panY === panY && d.w === w && d.h === h && d.night === nightMs && d.nightOn === nightOn) return;
    Object.assign(d, { zoom, panX, panY, w, h, night: nightMs, nightOn });
    const c = this.#baseCanvas;
    if (c.width !== w || c.height !== h) Object.assign(c, { width: w, height: h });
    const ctx = c.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#0b1a2a';
    ctx.fillRect(0, 0, w, h);
    ctx.setTransform(zoom, 0, 0, zoom, panX, panY);
    ctx.lineWidth = 1 / zoom;
    ctx.fillStyle = '#0e2438';
    ctx.fillRect(0, 0, MAP_W, MAP_H);
    ctx.beginPath();
    drawGeoCanvas(ctx, this.#land!);
    ctx.fillStyle = '#1c2b1f';
    ctx.fill();
    ctx.strokeStyle = '#4f6f52';
    ctx.stroke();
    ctx.beginPath();
    for (let lon = -180; lon <= 180; lon += 30) {
      ctx.moveTo(...toMap(90, lon));
      ctx.lineTo(...toMap(-90, lon));
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      ctx.moveTo(...toMap(lat, -180));
      ctx.lineTo(...toMap(lat, 180));
    }
    ctx.strokeStyle = '#22303f';
    ctx.stroke();
    if (this.layers.get('night') && nightMs >= 0) {
      ctx.beginPath();
      drawGeoCanvas(ctx, nightSide(nightMs));
      ctx.fillStyle = 'rgba(0,0,0,0.35)';
      ctx.fill();
    }
  }
  #lastRenderAt = 0;

  /** Ask for a render at the next animation frame. */
  invalidate(): void {
    this.#dirty = true;
  }

  /** The whole world in view, centred. */
  fit(): void {
    const w = this.app.renderer.width, h = this.app.renderer.height;
    const zoom = Math.min(w / MAP_W, h / MAP_H);
    Object.assign(this.view, { zoom, panX: (w - MAP_W * zoom) / 2, panY: (h - MAP_H * zoom) / 2 });
  }

  /** Screen position of a latitude and longitude. */
  toScreen(latDeg: number, lonDeg: number): [number, number] {
    const [x, y] = toMap(latDeg, lonDeg);
    return [this.view.panX + x * this.view.zoom, this.view.panY + y * this.view.zoom];
  }

  #bindInput(): void {
    const canvas = this.app.canvas;
    let drag: { x: number; y: number; panX: number; panY: number; moved: boolean } | null = null;
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const mx = e.clientX - rect.left, my = e.clientY - rect.top;
      const w = this.app.renderer.width, h = this.app.renderer.height;
      const min = Math.min(w / MAP_W, h / MAP_H);
      const zoom = Math.max(min, Math.min(min * 60, this.view.zoom * Math.exp(-e.deltaY * 0.0015)));
      // Keep the point under the cursor where it is.
      this.view.panX = mx - ((mx - this.view.panX) * zoom) / this.view.zoom;
      this.view.panY = my - ((my - this.view.panY) * zoom) / this.view.zoom;
      this.view.zoom = zoom;
      this.invalidate();
    }, { passive: false });
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, panX: this.view.panX, panY: this.view.panY, moved: false };
    });
    window.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      this.view.panX = drag.panX + dx;
      this.view.panY = drag.panY + dy;
      this.invalidate();
    });
    window.addEventListener('pointerup', (e) => {
      if (drag && !drag.moved) {
        const rect = canvas.getBoundingClientRect();
        this.onPick?.(this.pick(e.clientX - rect.left, e.clientY - rect.top));
      }
      drag = null;
    });
  }

  /** Called with the designation under a click (or null). */
  onPick: ((designation: string | null) => void) | null = null;

  /** The designation of the glyph nearest a screen point, within 8 px. */
  pick(x: number, y: number): string | null {
    const f = this.store.next;
    if (!f) return null;
    let best = -1, bestD = 64;
    for (let i = 0; i < f.header.count; i++) {
      const d = (this.screenX[i] - x) ** 2 + (this.screenY[i] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best < 0 ? null : (this.store.nameOf(f.slot[best])?.d ?? null);
  }

  #ownerColours: number[] | null = null;

  /** Colour of a glyph: the nation's track state, or (truth) its owner's. */
  colour(state: number, truth: boolean, kind: string | null): number {
    // A nation's glyph keeps its track state's colour: what it knows of the object matters more.
    if (!truth) return STATE_COLOURS[state] ?? NOBODY;
    if (kind === 'debris' && this.layers.get('debris')) return DEBRIS;
    if (!this.#ownerColours) {
      // Owners by nation index: blues for blue nations, reds for red ones, in scenario order.
      const count = { blue: 0, red: 0 } as Record<string, number>;
      this.#ownerColours = (this.store.welcome?.nations ?? []).map((n) => {
        const k = count[n.side] ?? 0;
        count[n.side] = k + 1;
        return n.side === 'red' ? RED[k % RED.length] : n.side === 'blue' ? BLUE[k % BLUE.length] : NOBODY;
      });
    }
    return this.#ownerColours[state] ?? NOBODY;
  }

  /** Interpolation weight of the newest frame now. */
  alpha(now: number): number {
    const { prev, next } = this.store;
    if (!next || !prev) return 1;
    const span = next.at - prev.at;
    if (span <= 0 || this.store.clock?.paused) return 1;
    return Math.max(0, Math.min(1, (now - next.at) / span));
  }

  #render(now: number): void {
    const t0 = performance.now();
    void now;
    const { prev, next, clock } = this.store;
    this.world.position.set(this.view.panX, this.view.panY);
    this.world.scale.set(this.view.zoom);
    if (clock) {
      const simMs = Date.parse(clock.timeUtc);
      // The night side moves 1.25 degrees in 5 minutes: redrawn that often.
      if (Math.abs(simMs - this.#nightAt) >= 300_000) this.#nightAt = simMs;
    }
    this.#drawBase(this.#nightAt === -Infinity ? -1 : this.#nightAt);
    if (next && this.#texture) {
      const a = this.alpha(t0);
      const d = this.#drawn;
      const moved = d.frame !== next || d.alpha !== a || d.zoom !== this.view.zoom || d.panX !== this.view.panX || d.panY !== this.view.panY;
      if (moved) {
        this.#place(prev, next, a);
        Object.assign(d, { frame: next, alpha: a, zoom: this.view.zoom, panX: this.view.panX, panY: this.view.panY });
      }
    }
    this.#drawSelection();
    if (t0 - this.#labelsAt > 250) {
      this.#drawLabels();
      this.#labelsAt = t0;
    }
    this.app.renderer.render(this.app.stage);
    const t1 = performance.now();
    // Work per rendered frame (placing the glyphs, the overlays, Pixi's draw calls), and the interval.
    this.frameTimes.push(t1 - t0);
    this.frameIntervals.push(t0 - this.#lastRenderAt);
    this.#lastRenderAt = t0;
    if (this.frameTimes.length > 5000) this.frameTimes.shift();
    if (this.frameIntervals.length > 5000) this.frameIntervals.shift();
  }

  /** Time between rendered frames, ms. */
  readonly frameIntervals: number[] = [];

  /** Place every glyph: one pass over the frame's records, positions interpolated by slot. */
  #place(prev: typeof this.store.prev, next: NonNullable<typeof this.store.next>, a: number): void {
    const n = next.header.count;
    const parts = this.glyphs.particleChildren as Particle[];
    while (parts.length < n) parts.push(new Particle({ texture: this.#texture!, anchorX: 0.5, anchorY: 0.5 }));
    if (parts.length > n) parts.length = n;
    if (this.screenX.length < n) {
      this.screenX = new Float32Array(n);
      this.screenY = new Float32Array(n);
    }
    // Where each slot was in the previous frame.
    let prevIndex: Map<number, number> | null = null;
    if (prev && a < 1) {
      // Built once per pair of frames, not every animation frame.
      if (this.#prevIndexOf !== prev) {
        this.#prevIndex = new Map();
        for (let i = 0; i < prev.header.count; i++) this.#prevIndex.set(prev.slot[i], i);
        this.#prevIndexOf = prev;
      }
      prevIndex = this.#prevIndex;
    }
    const { zoom, panX, panY } = this.view;
    const truth = next.header.truth;
    // Colours change with a new frame (or a layer), not with the interpolation.
    if (this.#tinted !== next) {
      for (let i = 0; i < n; i++) parts[i].tint = this.colour(next.state[i], truth, this.store.nameOf(next.slot[i])?.k ?? null);
      this.#tinted = next;
    }
    for (let i = 0; i < n; i++) {
      let lat = next.lat[i], lon = next.lon[i];
      const j = prevIndex?.get(next.slot[i]);
      if (j !== undefined && prev) {
        let dl = lon - prev.lon[j];
        if (dl > 180) dl -= 360;
        else if (dl < -180) dl += 360;
        lon = prev.lon[j] + dl * a;
        if (lon > 180) lon -= 360;
        else if (lon < -180) lon += 360;
        lat = prev.lat[j] + (lat - prev.lat[j]) * a;
      }
      const x = panX + ((lon + 180) / 360) * MAP_W * zoom;
      const y = panY + ((90 - lat) / 180) * MAP_H * zoom;
      this.screenX[i] = x;
      this.screenY[i] = y;
      const p = parts[i];
      p.x = x;
      p.y = y;
    }
    this.glyphs.update();
  }

  #drawSelection(): void {
    this.ring.clear();
    this.track.clear();
    if (!this.selected) return;
    const f = this.store.next;
    if (f) {
      for (let i = 0; i < f.header.count; i++) {
        if (this.store.nameOf(f.slot[i])?.d !== this.selected) continue;
        this.ring.circle(this.screenX[i], this.screenY[i], 9).stroke({ color: 0xffffff, width: 2 });
        break;
      }
    }
    if (this.groundTrack.length > 1) {
      let last: [number, number] | null = null;
      for (const [lat, lon] of this.groundTrack) {
        const p = toMap(lat, lon);
        if (last && Math.abs(p[0] - last[0]) < MAP_W / 2) this.track.lineTo(p[0], p[1]);
        else this.track.moveTo(p[0], p[1]);
        last = p;
      }
      this.track.stroke({ color: 0xffffff, width: 1.5, alpha: 0.7, pixelLine: true });
    }
  }

  /** Labels once zoomed in: the names of the glyphs in view, at most 150. */
  #drawLabels(): void {
    const f = this.store.next;
    const el = this.#labels;
    const w = this.app.renderer.width, h = this.app.renderer.height;
    const min = Math.min(w / MAP_W, h / MAP_H);
    const spans: string[] = [];
    if (f && this.layers.get('labels') && this.view.zoom >= 4 * min) {
      for (let i = 0; i < f.header.count && spans.length < 150; i++) {
        const x = this.screenX[i], y = this.screenY[i];
        if (x < 0 || y < 0 || x > w || y > h) continue;
        const name = this.store.nameOf(f.slot[i]);
        if (name) spans.push(`<span style="left:${x.toFixed(0)}px;top:${y.toFixed(0)}px">${escapeHtml(name.n)}</span>`);
      }
    }
    const html = spans.join('');
    if (el.innerHTML !== html) el.innerHTML = html;
  }

  redrawOverlays(): void {
    drawOverlays(this.overlayLayer, this.store, this.layers, this.store.overlays);
    this.#drawn.frame = null;
    this.#tinted = null;
    this.invalidate();
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
