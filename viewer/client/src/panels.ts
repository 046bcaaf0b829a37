/**
 * The side panels and the top bar: the clock (the white cell's controls), the event feed, the inspector,
 * the metrics charts, the layer toggles, and by role the white cell's MSEL, adjudication and picture
 * switcher, or the nation cell's orders (only the kinds the scenario allows, each refusal's reason shown).
 * Plain DOM: the map is the only canvas.
 */
import type { Connection, Json } from './connection.js';
import { escapeHtml, STATE_COLOURS, STATE_NAMES, type WorldMap } from './map.js';
import { LAYERS, type LayerName } from './overlays.js';
import type { EventView, Store } from './store.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

function fmtUtc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export class Panels {
  constructor(readonly store: Store, readonly conn: Connection, readonly map: WorldMap) {}

  build(): void {
    const w = this.store.welcome!;
    const active = document.querySelector<HTMLButtonElement>('#tabs button.active')?.dataset.tab;
    const role = w.cell.role;
    $('cell-name').textContent = `${w.cell.name}${role === 'nation' ? ` (${w.cell.nations.join(', ')})` : role === 'observer' ? ` (observer: ${w.cell.nations[0]})` : ''}`;
    const tabs: [string, string][] = [['feed', 'Events'], ['inspector', 'Inspector'], ['metrics', 'Metrics'], ['layers', 'Layers']];
    if (role === 'white') tabs.push(['msel', 'MSEL'], ['adjudication', 'Orders']);
    if (w.review) tabs.unshift(['review', 'Review']);
    if (role === 'nation') tabs.push(['orders', 'Orders']);
    const nav = $('tabs');
    nav.innerHTML = '';
    for (const [id, label] of tabs) {
      const b = document.createElement('button');
      b.textContent = label;
      b.dataset.tab = id;
      b.onclick = () => this.show(id);
      nav.appendChild(b);
    }
    this.show(active && tabs.some(([id]) => id === active) ? active : w.review ? 'review' : 'feed');
    $('clock-controls').classList.toggle('hidden', role !== 'white');
    if (role === 'white') this.#whiteControls();
    this.#layers();
    this.renderAll();
  }

  show(tab: string): void {
    for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs button')) b.classList.toggle('active', b.dataset.tab === tab);
    for (const s of document.querySelectorAll<HTMLElement>('.side .panel')) s.classList.toggle('hidden', s.id !== `panel-${tab}`);
  }

  /** After-action review: a timeline of the recorded commands, filtered by cell, and a scrubber. */
  review(): void {
    const tl = this.store.timeline;
    if (!tl || !this.store.welcome?.review) return;
    const el = $('review');
    const tick = this.store.clock?.tick ?? 0;
    if (!el.dataset.built) {
      const cells = [...new Set(tl.records.map((r) => r.cell))].sort();
      el.innerHTML = `<div class="timeline"><div class="row"><span>tick <b id="review-tick">0</b> / ${tl.lastTick}</span>
        <button id="review-prev">&larr; previous entry</button><button id="review-next">next entry &rarr;</button></div>
        <input id="review-slider" type="range" min="0" max="${tl.lastTick}" value="0">
        <div class="row">cell <select id="review-cell"><option value="">all</option>${cells.map((c) => `<option>${escapeHtml(c)}</option>`).join('')}</select>
        <label><input id="review-clock" type="checkbox"> clock commands</label></div><ol id="review-list" class="feed"></ol></div>`;
      el.dataset.built = '1';
      const seek = async (t: number) => this.#report(await this.conn.request({ type: 'seek', tick: t }));
      $<HTMLInputElement>('review-slider').onchange = (e) => void seek(Number((e.target as HTMLInputElement).value));
      $('review-cell').onchange = () => this.review();
      $('review-clock').onchange = () => this.review();
      const entries = () => this.#reviewEntries();
      $('review-prev').onclick = () => {
        const now = this.store.clock?.tick ?? 0;
        const prev = entries().filter((r) => r.tick + 1 < now).at(-1);
        void seek(prev ? prev.tick + 1 : 0);
      };
      $('review-next').onclick = () => {
        const now = this.store.clock?.tick ?? 0;
        const next = entries().find((r) => r.tick + 1 > now);
        if (next) void seek(next.tick + 1);
      };
    }
    $('review-tick').textContent = String(tick);
    const slider = $<HTMLInputElement>('review-slider');
    if (!slider.matches(':active')) slider.value = String(tick);
    $('review-list').innerHTML = this.#reviewEntries().map((r) => `<li data-tick="${r.tick}" class="${r.tick < tick ? '' : 'meta'}"><span class="time">tick ${r.tick}</span><span class="kind">${escapeHtml(r.cell)}</span>${escapeHtml(r.text)}</li>`).join('');
    for (const li of document.querySelectorAll<HTMLElement>('#review-list li')) {
      li.onclick = async () => this.#report(await this.conn.request({ type: 'seek', tick: Number(li.dataset.tick) + 1 }));
    }
  }

  #reviewEntries() {
    const cell = (document.getElementById('review-cell') as HTMLSelectElement | null)?.value ?? '';
    const clock = (document.getElementById('review-clock') as HTMLInputElement | null)?.checked ?? false;
    return (this.store.timeline?.records ?? []).filter((r) => (!cell || r.cell === cell) && (clock || r.type !== 'clock'));
  }

  renderAll(): void {
    this.review();
    this.clock();
    this.feed();
    this.msel();
    this.orders();
    this.metrics();
  }

  banner(classification: string): void {
    const w = this.store.welcome;
    if (!w) return;
    const text = `${w.marking}${classification ? ` // PICTURE ${classification}` : ''}`;
    // Banner colours as US practice has them (UNCLASSIFIED green, CONFIDENTIAL blue, SECRET red, TOP SECRET
    // orange); other level names by their place in the scenario's levels.
    const named = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'].indexOf(classification);
    const level = named >= 0 ? named : Math.max(0, (w.levels ?? []).indexOf(classification));
    for (const id of ['banner-top', 'banner-bottom']) {
      const el = $(id);
      el.textContent = text;
      el.className = `banner level-${Math.min(3, level)}`;
    }
  }

  clock(): void {
    const c = this.store.clock;
    if (!c) return;
    $('clock-time').textContent = fmtUtc(c.timeUtc);
    $('clock-state').textContent = `${c.paused ? 'paused' : c.runTo !== null ? `running to tick ${c.runTo}` : `running ${c.speed}x`}${c.paused ? '' : ` (achieved ${c.achievedSpeed}x)`}  tick ${c.tick}/${c.lastTick}`;
    const sel = document.querySelector<HTMLSelectElement>('#speed');
    if (sel && !sel.matches(':focus')) sel.value = String(c.speed);
    if (this.store.welcome?.review) this.review();
  }

  #whiteControls(): void {
    const req = async (m: Json) => this.#report(await this.conn.request(m));
    $('btn-pause').onclick = () => void req({ type: 'clock', action: 'pause' });
    $('btn-resume').onclick = () => void req({ type: 'clock', action: 'resume' });
    $('btn-step').onclick = () => void req({ type: 'clock', action: 'step' });
    $<HTMLSelectElement>('speed').onchange = (e) => void req({ type: 'clock', action: 'speed', speed: Number((e.target as HTMLSelectElement).value) });
    $('btn-run-to').onclick = () => {
      const v = $<HTMLInputElement>('run-to').value;
      if (v) void req({ type: 'clock', action: 'run-to', timeUtc: new Date(`${v}Z`).toISOString() });
    };
    const pic = $<HTMLSelectElement>('picture');
    // A reconnection starts on truth again: the list is rebuilt, not added to.
    pic.innerHTML = '<option value="truth">truth</option>';
    for (const n of this.store.welcome!.nations) {
      const o = document.createElement('option');
      o.value = o.textContent = n.id;
      pic.appendChild(o);
    }
    pic.onchange = async () => {
      const r = await this.conn.request({ type: 'view', picture: pic.value });
      this.#report(r);
      // The charts follow one picture at a time; slots of two pictures are not the same objects.
      if (r.type === 'ack') {
        this.store.history = [];
        this.store.prev = null;
      }
    };
    // A scenario may start at a speed the list does not hold.
    const speed = $<HTMLSelectElement>('speed');
    const s0 = String(this.store.clock?.speed ?? '');
    if (s0 && ![...speed.options].some((o) => o.value === s0)) speed.add(new Option(s0, s0));
  }

  #report(r: Json): void {
    $('status').textContent = r.type === 'error' ? `refused: ${String(r.message)}` : '';
    $('status').classList.toggle('error', r.type === 'error');
  }

  feed(): void {
    const list = $('feed');
    const events = this.store.events.slice(-300).reverse();
    list.innerHTML = events.map((e) => `<li class="${e.kind === 'inject' ? 'inject' : ''}"><span class="time">${fmtUtc(e.timeUtc).slice(11)}</span><span class="kind">${escapeHtml(e.kind)}</span>${escapeHtml(summary(e))}</li>`).join('');
  }

  async inspect(designation: string | null): Promise<void> {
    this.map.selected = designation;
    this.map.groundTrack = [];
    const el = $('inspector');
    if (!designation) {
      el.textContent = 'Click a satellite on the map.';
      return;
    }
    this.show('inspector');
    const r = await this.conn.request({ type: 'inspect', designation });
    const t = r.track as Json | null;
    this.map.groundTrack = (r.groundTrack as [number, number][] | undefined) ?? [];
    this.map.invalidate();
    if (!t) {
      el.innerHTML = `<p>${escapeHtml(designation)}: this cell holds nothing on it.</p>`;
      return;
    }
    const rows: [string, unknown][] = t.truth
      ? [['id', t.id], ['name', t.name], ['NORAD', t.noradId], ['owner', t.owner ?? 'none'], ['kind', t.kind]]
      : t.designation
        ? [['designation', t.designation], ['nation', t.nation], ['reports', t.reports], ['uncertainty', `${Number(t.uncertaintyKm).toFixed(1)} km`], ['age of track', `${t.ageS} s`], ['last report', t.lastReportUtc], ['classification', t.classification]]
        : [['object', t.objectId], ['name', t.name], ['NORAD', t.noradId], ['held by', t.nation], ['custody', t.custody ? 'yes' : 'no'], ['uncertainty', `${Number(t.uncertaintyKm).toFixed(1)} km`],
          ['age of track', `${t.ageS} s`], ['last update', t.lastUpdateUtc], ['first track', t.firstTrackUtc], ['via', describeSource(t.source as Json)], ['marking', t.marking], ['classification', t.classification]];
    el.innerHTML = `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v ?? '-'))}</dd>`).join('')}</dl>`;
  }

  metrics(): void {
    const h = this.store.history;
    const truth = this.store.next?.header.truth ?? false;
    const charts: [string, (p: (typeof h)[number]) => number | null, boolean][] = [
      [truth ? 'objects in orbit' : 'objects in custody', (p) => p[1], false],
      ['SATCOM availability', (p) => p[2], true],
      ['PNT availability', (p) => p[3], true],
    ];
    const el = $('metrics');
    if (!el.dataset.built) {
      el.innerHTML = charts.map((_, i) => `<div class="chart-label"><span id="chart-label-${i}"></span><span id="chart-value-${i}"></span></div><canvas class="chart" id="chart-${i}" width="360" height="64"></canvas>`).join('') +
        `<div class="legend">${STATE_NAMES.map((n, i) => `<span><i class="dot" style="background:#${STATE_COLOURS[i].toString(16).padStart(6, '0')}"></i>${n}</span>`).join('')}</div>`;
      el.dataset.built = '1';
    }
    charts.forEach(([label, get, fraction], i) => {
      $(`chart-label-${i}`).textContent = label;
      const values = h.map(get);
      const last = values.at(-1);
      $(`chart-value-${i}`).textContent = last === null || last === undefined ? 'none' : fraction ? `${(100 * last).toFixed(0)}%` : String(last);
      sparkline($<HTMLCanvasElement>(`chart-${i}`), values, fraction);
    });
  }

  #layers(): void {
    const el = $('layers');
    el.innerHTML = LAYERS.map((l) => `<label class="row"><input type="checkbox" data-layer="${l.name}" ${this.map.layers.get(l.name) ? 'checked' : ''}> ${l.label}</label>`).join('') +
      '<p class="meta">Drag to pan, wheel to zoom; labels appear when zoomed in.</p>';
    for (const box of el.querySelectorAll<HTMLInputElement>('input[data-layer]')) {
      box.onchange = () => {
        this.map.layers.set(box.dataset.layer as LayerName, box.checked);
        this.map.redrawOverlays();
      };
    }
  }

  #mselShown = '';
  #ordersShown = '';

  msel(): void {
    if (this.store.welcome?.cell.role !== 'white') return;
    const el = $('msel');
    const review = this.store.welcome?.review === true;
    if (!el.dataset.built) {
      el.innerHTML = `<div id="msel-cards"></div>${review ? '' : `<h3>Ad-hoc inject</h3><p class="meta">The scenario's inject form, as JSON (checked like the MSEL):</p>
        <textarea id="adhoc">{ "id": "adhoc-1", "kind": "message", "title": "", "to": ["all"] }</textarea><div class="row"><button id="adhoc-send">Send inject</button></div>`}`;
      el.dataset.built = '1';
      if (!review) {
        $('adhoc-send').onclick = async () => {
          let inject: Json;
          try {
            inject = JSON.parse($<HTMLTextAreaElement>('adhoc').value) as Json;
          } catch (e) {
            return this.#report({ type: 'error', message: `not JSON: ${(e as Error).message}` });
          }
          this.#report(await this.conn.request({ type: 'inject', inject }));
        };
      }
    }
    const tick = this.store.clock?.tick ?? 0;
    const responses = new Map(this.store.responses.map((r) => [r.inject as string, r]));
    const cards = this.store.msel.map((e) => {
      const status = String(e.status);
      const due = status === 'pending' && Number(e.plannedTick) <= tick;
      const r = responses.get(String(e.id));
      const open = !review && (status === 'pending' || status === 'held');
      const expect = e.expect as Json | null;
      return `<div class="card" data-inject="${escapeHtml(String(e.id))}">
        <div class="title">${escapeHtml(String(e.title))}</div>
        <div class="meta">${escapeHtml(String(e.id))} · ${escapeHtml(String(e.kind))} · to ${escapeHtml(Array.isArray(e.to) ? (e.to.length ? e.to.join(', ') : 'white') : 'all')} · ${escapeHtml(String(e.classification ?? ''))} · planned tick ${e.plannedTick}${e.adhoc ? ' · ad hoc' : ''}</div>
        <div class="row"><span class="status-${status}">${due ? 'DUE' : status}${e.effectTick !== null ? ` (tick ${e.effectTick})` : ''}</span>
        ${open ? '<button data-act="publish">Publish</button>' : ''}${status === 'pending' ? '<button data-act="hold">Hold</button>' : ''}${open ? '<button data-act="skip">Skip</button>' : ''}</div>
        ${expect ? `<div class="meta">expects: ${escapeHtml(String(expect.response))}</div>` : ''}
        ${r ? `<div class="meta">met by ${escapeHtml((r.met as Json[]).map((m) => `${m.nation} (${m.by})`).join(', ') || 'nobody yet')}; missing ${escapeHtml((r.missing as string[]).join(', ') || 'nobody')}</div>` : ''}
        ${r && !review && (r.missing as string[]).length > 0 ? `<div class="row"><select data-respond>${(r.missing as string[]).map((n) => `<option>${escapeHtml(n)}</option>`).join('')}</select><button data-act="respond">Mark responded</button></div>` : ''}
      </div>`;
    });
    // Rebuilt only when something shown changed (the clock ticks five times a second).
    const html = cards.join('');
    if (html === this.#mselShown) return;
    this.#mselShown = html;
    $('msel-cards').innerHTML = html;
    for (const b of $('msel-cards').querySelectorAll<HTMLButtonElement>('button[data-act]')) {
      b.onclick = async () => {
        const card = b.closest<HTMLElement>('.card')!;
        const inject = card.dataset.inject;
        const nation = card.querySelector<HTMLSelectElement>('select[data-respond]')?.value;
        this.#report(await this.conn.request(b.dataset.act === 'respond' ? { type: 'respond', inject, nation } : { type: b.dataset.act, inject }));
      };
    }
  }

  orders(): void {
    const role = this.store.welcome?.cell.role;
    if (role === 'white') return this.#adjudication();
    if (role === 'nation') return this.#ordersPanel();
  }

  #adjudication(): void {
    const el = $('adjudication');
    const review = this.store.welcome?.review === true;
    // Reasons being typed survive the panel being redrawn.
    const typed = new Map([...el.querySelectorAll<HTMLInputElement>('input[data-reason]')].map((i) => [i.closest<HTMLElement>('.card')!.dataset.order!, i.value]));
    const orders = this.store.orders.slice().reverse();
    const focused = document.activeElement instanceof HTMLInputElement && el.contains(document.activeElement) ? document.activeElement.closest<HTMLElement>('.card')?.dataset.order : undefined;
    const html = orders.length === 0 ? '<p class="meta">No orders yet.</p>' : orders.map((o) => `<div class="card" data-order="${escapeHtml(String(o.id))}">
      <div class="title">${escapeHtml(String(o.id))} · ${escapeHtml(String(o.nation))} · ${escapeHtml(describeOrder(o.order as Json))}</div>
      <div class="row"><span class="status-${o.status}">${o.status}${o.effectTick !== null ? ` (tick ${o.effectTick})` : ''}</span>
      ${o.status === 'pending' && !review ? `<button data-approve="1">Approve</button><input placeholder="reason to deny" data-reason value="${escapeHtml(typed.get(String(o.id)) ?? '')}"> <button data-approve="0">Deny</button>` : ''}</div>
      ${o.reason ? `<div class="reason">${escapeHtml(String(o.reason))}</div>` : ''}</div>`).join('');
    if (html === this.#ordersShown) return;
    this.#ordersShown = html;
    el.innerHTML = html;
    // Typing a reason goes on where it was.
    if (focused) el.querySelector<HTMLInputElement>(`.card[data-order="${CSS.escape(focused)}"] input[data-reason]`)?.focus();
    for (const b of el.querySelectorAll<HTMLButtonElement>('button[data-approve]')) {
      b.onclick = async () => {
        const card = b.closest<HTMLElement>('.card')!;
        const reason = card.querySelector<HTMLInputElement>('input[data-reason]')?.value || undefined;
        this.#report(await this.conn.request({ type: 'adjudicate', order: card.dataset.order, approve: b.dataset.approve === '1', reason }));
      };
    }
  }

  #ordersPanel(): void {
    const w = this.store.welcome!;
    const el = $('orders');
    if (!el.dataset.built) {
      const allowed = new Set(w.orders);
      const nations = w.cell.nations.map((n) => `<option>${n}</option>`).join('');
      const a = w.assets ?? { sensors: [], jammers: [], weapons: [], agreements: [] };
      const opts = (ids: string[]) => ids.map((i) => `<option>${escapeHtml(i)}</option>`).join('');
      const none: Record<string, string[] | null> = { 'task-sensor': a.sensors, manoeuvre: null, jammer: a.jammers, engage: a.weapons, agreement: a.agreements };
      const form = (kind: string, title: string, body: string) => !allowed.has(kind)
        ? `<div class="card"><div class="title">${title}</div><div class="reason">Not authorised in this exercise (the white cell can act for you).</div></div>`
        : none[kind]?.length === 0
          ? `<div class="card"><div class="title">${title}</div><div class="meta">Your cell has nothing to give this order to in this exercise.</div></div>`
          : `<form class="card" data-kind="${kind}"><div class="title">${title}</div>${body}<div class="row"><button>Give order</button></div></form>`;
      el.innerHTML = `<div class="row">for nation <select id="order-nation">${nations}</select></div><p class="meta">Objects are named as your picture names them; click one on the map to use it.</p>` +
        form('task-sensor', 'Task a sensor', `<div class="row"><select name="sensor">${opts(a.sensors)}</select> look first at <input name="priority" placeholder="designations, comma-separated"></div>`) +
        form('manoeuvre', 'Manoeuvre a satellite', `<div class="row"><input name="object" placeholder="your satellite"></div><div class="row">radial <input name="radialMps" size="5" value="0"> along-track <input name="alongTrackMps" size="5" value="1"> cross-track <input name="crossTrackMps" size="5" value="0"> m/s</div>`) +
        form('jammer', 'Switch a jammer', `<div class="row"><select name="jammer">${opts(a.jammers)}</select><select name="action"><option>on</option><option>off</option></select> for <input name="durationS" size="6" placeholder="s"></div>`) +
        form('engage', 'Engage', `<div class="row"><select name="weapon">${opts(a.weapons)}</select> target <input name="target" placeholder="designation"></div>`) +
        form('agreement', 'Sharing agreement', `<div class="row"><select name="agreement">${opts(a.agreements)}</select><select name="action"><option>sign</option><option>suspend</option><option>resume</option><option>revoke</option></select></div>`) +
        '<h3>Your orders</h3><div id="my-orders"></div>';
      el.dataset.built = '1';
      for (const f of el.querySelectorAll<HTMLFormElement>('form[data-kind]')) {
        f.onsubmit = async (e) => {
          e.preventDefault();
          const order = this.#orderFrom(f);
          const r = await this.conn.request({ type: 'order', order });
          let reason = f.querySelector<HTMLElement>('.result');
          if (!reason) {
            reason = document.createElement('div');
            f.appendChild(reason);
          }
          reason.textContent = r.type === 'error' ? `Cannot be given now: ${String(r.message)}` : `Given as ${String((r.result as Json).order)}: ${String((r.result as Json).status)}`;
          reason.className = `result ${r.type === 'error' ? 'reason' : 'meta'}`;
        };
      }
    }
    const mine = this.store.orders.slice().reverse();
    $('my-orders').innerHTML = mine.map((o) => `<div class="card"><div class="title">${escapeHtml(String(o.id))} · ${escapeHtml(describeOrder(o.order as Json))}</div><span class="status-${o.status}">${o.status}${o.effectTick !== null ? ` (tick ${o.effectTick})` : ''}</span>${o.reason ? `<div class="reason">${escapeHtml(String(o.reason))}</div>` : ''}</div>`).join('') || '<p class="meta">None yet.</p>';
  }

  #orderFrom(f: HTMLFormElement): Json {
    const v = (name: string) => (f.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const nation = $<HTMLSelectElement>('order-nation').value;
    const kind = f.dataset.kind!;
    if (kind === 'task-sensor') return { kind, nation, sensor: v('sensor'), priority: v('priority').split(',').map((s) => s.trim()).filter(Boolean) };
    if (kind === 'manoeuvre') return { kind, nation, object: v('object'), deltaV: { radialMps: Number(v('radialMps')), alongTrackMps: Number(v('alongTrackMps')), crossTrackMps: Number(v('crossTrackMps')) } };
    if (kind === 'jammer') return { kind, nation, jammer: v('jammer'), action: v('action'), ...(v('durationS') ? { durationS: Number(v('durationS')) } : {}) };
    if (kind === 'engage') return { kind, nation, weapon: v('weapon'), target: v('target') };
    return { kind, nation, agreement: v('agreement'), action: v('action') };
  }

  /** A click on the map fills the object fields of the order forms. */
  useSelection(designation: string): void {
    for (const name of ['object', 'target']) for (const input of document.querySelectorAll<HTMLInputElement>(`#orders input[name=${name}]`)) input.value = designation;
    const p = document.querySelector<HTMLInputElement>('#orders input[name=priority]');
    if (p) {
      const list = p.value.split(',').map((s) => s.trim()).filter(Boolean);
      if (!list.includes(designation)) p.value = [...list, designation].join(', ');
    }
  }
}

function describeSource(s: Json | undefined): string {
  if (!s) return '-';
  return s.via === 'own' ? `own sensor${s.sensor ? ` ${s.sensor}` : ''}` : `${s.agreement} from ${s.provider}${s.sensor ? ` (${s.sensor})` : ''}`;
}

function describeOrder(o: Json): string {
  if (o.kind === 'task-sensor') return `task ${o.sensor} → ${(o.priority as string[]).join(', ') || 'no priority'}`;
  if (o.kind === 'manoeuvre') { const d = o.deltaV as Json; return `manoeuvre ${o.object} (R ${d.radialMps ?? 0}, S ${d.alongTrackMps ?? 0}, W ${d.crossTrackMps ?? 0} m/s)`; }
  if (o.kind === 'jammer') return `jammer ${o.jammer} ${o.action}`;
  if (o.kind === 'engage') return `engage ${o.target} with ${o.weapon}`;
  return `${o.action} ${o.agreement}`;
}

/** One line for an event in the feed. */
function summary(e: EventView): string {
  const p = e.payload;
  switch (e.kind) {
    case 'inject': return `${p.title as string}${p.detail ? ` - ${p.detail as string}` : ''}`;
    case 'track-correlated': return p.objectId === p.designation ? `${p.nation as string} catalogues ${p.designation as string}` : `${p.nation as string}: ${p.designation as string} is ${p.objectId as string}`;
    case 'asat-launch': return `${p.nation as string} launches ${p.flight as string} at ${p.target as string}`;
    case 'asat-intercept': return `${p.flight as string} ${p.hit ? 'hits' : 'misses'} ${p.target as string}`;
    case 'launch-detected': return `${p.sensor as string} detects ${p.flight as string}`;
    case 'breakup': return `${p.object as string} breaks up: ${p.added as number} fragments`;
    case 'manoeuvre': return p.refused ? `${p.object as string}: burn refused (${p.refused as string})` : `${p.object as string} burns ${(p.deltaVMps as number).toFixed(1)} m/s`;
    case 'link-status': return `${p.terminal as string} ${p.up ? 'up' : 'DOWN'}${p.jammed ? ' (jammed)' : ''}`;
    case 'pnt-status': return `${p.receiver as string}: ${Math.round(100 * (p.fixFraction as number))}% with a fix`;
    case 'jammer-geolocated': return `emitter ${p.designation as string} located (±${p.uncertaintyKm as number} km)`;
    default: return e.subjects.join(', ');
  }
}

function sparkline(c: HTMLCanvasElement, values: (number | null)[], fraction: boolean): void {
  const ctx = c.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, c.width, c.height);
  const vs = values.filter((v): v is number => v !== null);
  if (vs.length < 2) return;
  const max = fraction ? 1 : Math.max(1, ...vs);
  const min = fraction ? 0 : Math.min(...vs);
  ctx.strokeStyle = '#58a6ff';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  values.forEach((v, i) => {
    if (v === null) return;
    const x = (i / Math.max(1, values.length - 1)) * (c.width - 2) + 1;
    const y = c.height - 2 - ((v - min) / Math.max(1e-9, max - min)) * (c.height - 4);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
}
