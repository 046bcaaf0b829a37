/**
 * The Vigil viewer: log in with the cell's token (from the URL fragment, which never reaches the server,
 * or pasted), connect, and show the cell's picture. `window.vigilViewer` exposes what the browser tests
 * and the frame-time bench read (the map's view, glyph positions, pixels, frame times).
 */
// Pixi compiles its shaders without eval with this (the server's Content-Security-Policy allows no eval).
import 'pixi.js/unsafe-eval';
import { Rectangle } from 'pixi.js';
import { Connection } from './connection.js';
import { WorldMap } from './map.js';
import { Panels } from './panels.js';
import { Store } from './store.js';

const $ = (id: string) => document.getElementById(id)!;

function tokenFromFragment(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return params.get('token');
}

async function start(token: string): Promise<void> {
  $('login').classList.add('hidden');
  $('app').classList.remove('hidden');
  const store = new Store();
  const map = new WorldMap($('map'), store);
  await map.init();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  let panels: Panels | null = null;
  const conn = new Connection(url, token, {
    json: (m) => store.json(m),
    frame: (bytes) => store.frame(bytes, performance.now()),
    status: (text) => ($('status').textContent = text),
    refused: (reason) => {
      $('app').classList.add('hidden');
      $('login').classList.remove('hidden');
      $('login-error').textContent = `The server refused the token: ${reason}`;
      sessionStorage.removeItem('vigil-token');
      conn.close();
    },
  });
  store.on(() => map.invalidate());
  store.on((what) => {
    if (what === 'welcome') {
      panels = new Panels(store, conn, map);
      panels.build();
      panels.banner('');
      document.title = `Vigil - ${store.welcome!.cell.name} - ${store.welcome!.marking}`;
    }
    if (!panels) return;
    if (what === 'clock') {
      panels.clock();
      panels.msel();
    } else if (what === 'events') {
      panels.feed();
      conn.sinceSeq = store.lastSeq + 1;
    } else if (what === 'msel') panels.msel();
    else if (what === 'orders') panels.orders();
    else if (what === 'timeline') panels.review();
    else if (what === 'reset') {
      conn.sinceSeq = 0;
      panels.feed();
      panels.metrics();
    }
    else if (what === 'overlays') {
      map.redrawOverlays();
      panels.banner(store.overlays?.classification ?? '');
    } else if (what === 'frame') {
      panels.metrics();
      // Conjunction rings and SATCOM lines sit on satellites: they move with each frame.
      const o = store.overlays;
      if (o && (o.conjunctions.length > 0 || o.satcom.length > 0)) map.redrawOverlays();
    }
  });
  map.onPick = (d) => {
    map.invalidate();
    void panels?.inspect(d);
    if (d && store.welcome?.cell.role === 'nation') panels?.useSelection(d);
  };
  conn.open();
  // For the browser tests and the frame-time bench.
  (window as unknown as { vigilViewer: unknown }).vigilViewer = {
    store, map, conn,
    ready: () => store.next !== null,
    view: () => ({ ...map.view, width: map.app.renderer.width, height: map.app.renderer.height }),
    /** Screen position where the glyph of a designation is drawn now, or null. */
    glyphAt: (designation: string) => {
      const f = store.next;
      if (!f) return null;
      for (let i = 0; i < f.header.count; i++) if (store.nameOf(f.slot[i])?.d === designation) return { x: map.screenX[i], y: map.screenY[i], lat: f.lat[i], lon: f.lon[i], tick: f.header.tick };
      return null;
    },
    /** RGBA of the rendered stage at a screen point (renderer.extract). */
    pixel: (x: number, y: number) => {
      const { pixels } = map.app.renderer.extract.pixels({ target: map.app.stage, frame: new Rectangle(Math.round(x), Math.round(y), 1, 1) });
      return [pixels[0], pixels[1], pixels[2], pixels[3]];
    },
    frameTimes: () => map.frameTimes.slice(),
    frameIntervals: () => map.frameIntervals.slice(),
  };
}

const fromUrl = tokenFromFragment();
// The token leaves the address bar (and the history) once read; the tab keeps it for a reload.
if (fromUrl) {
  sessionStorage.setItem('vigil-token', fromUrl);
  history.replaceState(null, '', location.pathname + location.search);
}
const token = fromUrl ?? sessionStorage.getItem('vigil-token');
if (token) void start(token);
// A pasted token (first, or after one was refused) starts the page afresh with it.
$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const pasted = ($('login-token') as HTMLInputElement).value.trim();
  if (!pasted) return;
  sessionStorage.setItem('vigil-token', pasted);
  location.reload();
});
