// The network view: an SVG drawing of an actor's neighbourhood laid out by
// a small force simulation written for this app. Pan by dragging the
// background, zoom with the wheel or the buttons, drag nodes to move them
// (they stay where dropped), click a node to open that actor, click an
// edge to see its evidence.
//
// Edges are coloured by relation type and point from source to target
// (symmetric types, ALLY and RIVAL, have no arrowhead); negated edges are
// dashed and labelled NOT; contested edges carry an amber halo and a ⚠.

import { h, s, clear, motion, relColour, entColour, label, relationTypes, entityTypes, plural, dateRange } from './dom.js';

const symmetric = new Set(['ALLY', 'RIVAL']);
const contestedColour = '#f9a825';

// Graph draws into container; opts: {root, onNode(id), onEdge(edge)}.
export class Graph {
  constructor(container, opts) {
    this.opts = opts;
    this.nodes = new Map(); // id → node {id, name, type, evidence, x, y, vx, vy, fixed}
    this.edges = [];
    this.k = 1; this.tx = 0; this.ty = 0;
    this.alpha = 0;
    this.frame = 0;
    this.selected = null;

    this.wrap = h('div.graph-canvas');
    this.svg = s('svg', { class: 'graph', role: 'img', 'aria-label': 'Network of relationships' });
    this.defs = s('defs');
    this.view = s('g.viewport');
    this.edgeLayer = s('g.edges');
    this.nodeLayer = s('g.nodes');
    this.view.append(this.edgeLayer, this.nodeLayer);
    this.svg.append(this.defs, this.view);
    this.makeMarkers();

    const zoom = (f) => () => this.zoomAt(f, this.width() / 2, this.height() / 2);
    this.controls = h('div.graph-controls', null,
      h('button', { type: 'button', title: 'Zoom in', 'aria-label': 'Zoom in', onclick: zoom(1.25) }, '+'),
      h('button', { type: 'button', title: 'Zoom out', 'aria-label': 'Zoom out', onclick: zoom(0.8) }, '−'),
      h('button', { type: 'button', title: 'Fit the network in view', onclick: () => this.fit() }, 'Fit'));
    this.status = h('div.graph-status', { 'aria-live': 'polite' });
    this.wrap.append(this.svg, this.controls, this.status);
    container.appendChild(this.wrap);

    this.bindPointer();
    // a resized view keeps its centre where it was
    this.size = [0, 0];
    this.resize = new ResizeObserver(() => {
      const w = this.width(), hgt = this.height();
      const [w0, h0] = this.size;
      this.size = [w, hgt];
      if (!this.touched && this.nodes.size) { this.fit(); return; } // untouched: fit the new size
      if (w0 && h0) { this.tx += (w - w0) / 2; this.ty += (hgt - h0) / 2; }
      this.apply();
    });
    this.resize.observe(this.wrap);
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
  }

  width() { return this.svg.clientWidth || 800; }
  height() { return this.svg.clientHeight || 520; }

  makeMarkers() {
    for (const t of relationTypes) {
      this.defs.appendChild(s('marker', {
        id: 'arrow-' + t, viewBox: '0 0 10 10', refX: '9', refY: '5',
        markerWidth: '11', markerHeight: '11', orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse',
      }, s('path', { d: 'M0,1 L10,5 L0,9 z', fill: relColour(t) })));
    }
  }

  // setData replaces what is drawn; nodes that stay keep their places.
  setData(nodes, edges) {
    const old = this.nodes;
    this.nodes = new Map();
    const root = this.opts.root;
    // new nodes start on a spiral around the root, in a stable order
    const fresh = nodes.filter(n => !old.has(n.id)).sort((a, b) => (b.evidence || 0) - (a.evidence || 0) || a.id - b.id);
    const golden = Math.PI * (3 - Math.sqrt(5));
    for (const n of nodes) {
      const o = old.get(n.id);
      const node = Object.assign({}, n, o ? { x: o.x, y: o.y, vx: 0, vy: 0, fixed: o.fixed } : {});
      if (!o) {
        if (n.id === root) { node.x = 0; node.y = 0; }
        else {
          const i = fresh.indexOf(n) + 1;
          const r = 60 * Math.sqrt(i);
          node.x = r * Math.cos(i * golden);
          node.y = r * Math.sin(i * golden);
        }
        node.vx = 0; node.vy = 0;
      }
      node.r = n.id === root ? 16 : Math.min(18, 6 + Math.sqrt(n.evidence || 0) * 1.6);
      // half the width and height of the node with its name below it
      node.w = Math.max(node.r, String(n.name).length * 3.3) + 4;
      node.h = node.r + 10;
      this.nodes.set(n.id, node);
    }
    this.edges = edges.filter(e => this.nodes.has(e.source) && this.nodes.has(e.target) && e.source !== e.target);
    for (const n of this.nodes.values()) n.deg = 0;
    for (const e of this.edges) { this.nodes.get(e.source).deg++; this.nodes.get(e.target).deg++; }
    // a big drawing gets a taller view
    this.svg.classList.toggle('big', this.nodes.size > 30);
    // parallel edges between one pair bend apart
    const pairs = new Map();
    for (const e of this.edges) {
      const key = Math.min(e.source, e.target) + ':' + Math.max(e.source, e.target);
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(e);
    }
    for (const group of pairs.values()) {
      group.sort((a, b) => a.id - b.id);
      group.forEach((e, i) => {
        const flip = e.source > e.target ? -1 : 1; // bend relative to a fixed orientation of the pair
        e.bend = (i - (group.length - 1) / 2) * 36 * flip;
      });
    }
    this.draw();
    const first = old.size === 0;
    this.alpha = first ? 1 : 0.5; // a new filter moves the drawing less than a first layout
    for (let i = 0; i < (first ? 220 : 60); i++) this.tick();
    if (first || [...this.nodes.keys()].some(id => !old.has(id))) this.fit();
    this.positions();
    this.run();
    this.status.textContent = this.nodes.size <= 1
      ? 'No relationships match the filters.'
      : plural(this.nodes.size, 'actor') + ', ' + plural(this.edges.length, 'relationship');
  }

  draw() {
    clear(this.edgeLayer);
    clear(this.nodeLayer);
    for (const e of this.edges) {
      const colour = relColour(e.type);
      const g = s('g.edge', { 'data-edge-id': e.id, 'data-type': e.type, tabindex: '0', role: 'button' });
      if (e.negated) g.classList.add('negated');
      if (e.contested) g.classList.add('contested');
      const title = (e.source_name || '') + (e.negated ? ' — NOT ' : ' — ') + label(e.type) + ' → ' + (e.target_name || '') +
        ' (' + plural(e.count || 1, 'sentence') + ', ' + dateRange(e.first_seen, e.last_seen) + ')' + (e.contested ? ' — contested' : '') +
        (e.assessText ? '\n' + e.assessText : '');
      g.appendChild(s('title', { text: title }));
      if (e.contested) e.halo = g.appendChild(s('path.halo', { stroke: contestedColour, fill: 'none' }));
      e.line = g.appendChild(s('path.line', {
        stroke: colour, fill: 'none',
        'marker-end': symmetric.has(e.type) ? null : 'url(#arrow-' + e.type + ')',
        'stroke-dasharray': e.negated ? '6 4' : null,
      }));
      e.hit = g.appendChild(s('path.hit', { fill: 'none' }));
      if (e.negated || e.contested) {
        e.tag = g.appendChild(s('text.edge-tag', { 'text-anchor': 'middle', fill: e.contested ? '#8a5a00' : colour },
          (e.negated ? 'NOT' : '') + (e.negated && e.contested ? ' ' : '') + (e.contested ? '⚠' : '')));
      }
      const pick = (ev) => { ev.stopPropagation(); this.select(e.id); this.opts.onEdge(e); };
      g.addEventListener('click', pick);
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(ev); } });
      e.el = g;
      this.edgeLayer.appendChild(g);
    }
    for (const n of this.nodes.values()) {
      const g = s('g.node', { 'data-actor-id': n.id, tabindex: '0', role: 'link' });
      if (n.id === this.opts.root) g.classList.add('root');
      // in a big drawing, the names of far actors show on hover or zoom
      if (this.nodes.size > 30 && n.hops > 1) g.classList.add('minor');
      if (n.fixed) g.classList.add('pinned');
      g.appendChild(s('title', { text: n.name + ' (' + label(n.type) + ', ' + plural(n.evidence || 0, 'evidence sentence') + ')' }));
      g.appendChild(s('circle', { r: n.r, fill: entColour(n.type) }));
      g.appendChild(s('text.node-label', { y: n.r + 13, 'text-anchor': 'middle' }, n.name));
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') this.opts.onNode(n.id); });
      // pointing at a node brings out its own relationships
      g.addEventListener('pointerenter', () => this.focus(n.id));
      g.addEventListener('pointerleave', () => this.focus(null));
      g.addEventListener('focus', () => this.focus(n.id));
      g.addEventListener('blur', () => this.focus(null));
      n.el = g;
      this.nodeLayer.appendChild(g);
    }
    if (this.selected !== null) this.select(this.selected);
  }

  // focus dims what does not touch node id (null: nothing dimmed).
  focus(id) {
    this.svg.classList.toggle('focused', id !== null);
    const near = new Set(id === null ? [] : [id]);
    for (const e of this.edges) {
      const on = id !== null && (e.source === id || e.target === id);
      e.el.classList.toggle('near', on);
      if (on) { near.add(e.source); near.add(e.target); }
    }
    for (const n of this.nodes.values()) n.el.classList.toggle('near', near.has(n.id));
  }

  select(id) {
    this.selected = id;
    for (const e of this.edges) e.el && e.el.classList.toggle('selected', e.id === id);
  }

  // tick advances the simulation one step.
  tick() {
    const ns = [...this.nodes.values()];
    const a = this.alpha;
    const spread = Math.max(1, Math.sqrt(ns.length / 15)); // big graphs push harder
    for (let i = 0; i < ns.length; i++) {
      const p = ns[i];
      for (let j = i + 1; j < ns.length; j++) {
        const q = ns[j];
        let dx = q.x - p.x, dy = q.y - p.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 1) { dx = (i - j) || 1; dy = 1; d2 = dx * dx + dy * dy; }
        if (d2 > 640000) continue;
        const f = 4200 * spread * a / d2;
        const d = Math.sqrt(d2);
        const fx = dx / d * f, fy = dy / d * f;
        p.vx -= fx; p.vy -= fy; q.vx += fx; q.vy += fy;
        // names are wide: boxes of circle and label that overlap push
        // apart along the axis where they overlap least
        const ox = p.w + q.w - Math.abs(dx), oy = p.h + q.h - Math.abs(dy);
        if (ox > 0 && oy > 0) {
          const k = 0.25;
          if (oy < ox) { const m = (dy < 0 ? -1 : 1) * oy * k; p.vy -= m; q.vy += m; }
          else { const m = (dx < 0 ? -1 : 1) * ox * k; p.vx -= m; q.vx += m; }
        }
      }
    }
    for (const e of this.edges) {
      const p = this.nodes.get(e.source), q = this.nodes.get(e.target);
      const dx = q.x - p.x, dy = q.y - p.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const want = (ns.length > 30 && (p.deg === 1 || q.deg === 1) ? 80 : 150) + (p.r + q.r); // in big drawings leaves stay close
      const f = (d - want) * 0.04 * a;
      const fx = dx / d * f, fy = dy / d * f;
      p.vx += fx; p.vy += fy; q.vx -= fx; q.vy -= fy;
    }
    // gravity towards the centre, weaker across so that the drawing
    // takes the shape of the view, and weaker in big graphs
    const g = 0.014 * a / spread;
    const aspect = Math.min(1, this.height() / this.width());
    for (const n of ns) {
      n.vx -= n.x * g * aspect;
      n.vy -= n.y * g;
      if (n.fixed || n.id === this.opts.root) { // the root stays at the centre until dragged
        if (!n.fixed) { n.x = 0; n.y = 0; }
        n.vx = 0; n.vy = 0;
        continue;
      }
      n.vx *= 0.55; n.vy *= 0.55;
      n.x += Math.max(-40, Math.min(40, n.vx));
      n.y += Math.max(-40, Math.min(40, n.vy));
    }
    this.alpha *= 0.978;
  }

  run() {
    cancelAnimationFrame(this.frame);
    delete this.svg.dataset.settled;
    if (motion() === 'auto' && !this.dragging) { // reduced motion: no animation, straight to the result
      while (this.alpha >= 0.02) this.tick();
    }
    const step = () => {
      if (this.alpha < 0.02) {
        if (!this.touched) this.fit(); // the view follows the layout until the user moves it
        this.svg.dataset.settled = 'true';
        return;
      }
      this.tick();
      this.positions();
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  // positions moves the drawn elements to the simulated places.
  positions() {
    for (const n of this.nodes.values()) n.el.setAttribute('transform', 'translate(' + n.x.toFixed(1) + ',' + n.y.toFixed(1) + ')');
    for (const e of this.edges) {
      const p = this.nodes.get(e.source), q = this.nodes.get(e.target);
      const dx = q.x - p.x, dy = q.y - p.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      // control point: off the midpoint, perpendicular, by the bend
      const cx = (p.x + q.x) / 2 - dy / d * e.bend, cy = (p.y + q.y) / 2 + dx / d * e.bend;
      // stop at the circles' edges so arrowheads show
      const [sx, sy] = toward(p.x, p.y, cx, cy, p.r + 1);
      const [tx, ty] = toward(q.x, q.y, cx, cy, q.r + 3);
      const path = 'M' + sx.toFixed(1) + ',' + sy.toFixed(1) + ' Q' + cx.toFixed(1) + ',' + cy.toFixed(1) + ' ' + tx.toFixed(1) + ',' + ty.toFixed(1);
      e.line.setAttribute('d', path);
      e.hit.setAttribute('d', path);
      if (e.halo) e.halo.setAttribute('d', path);
      if (e.tag) {
        // the curve's midpoint
        const mx = 0.25 * sx + 0.5 * cx + 0.25 * tx, my = 0.25 * sy + 0.5 * cy + 0.25 * ty;
        e.tag.setAttribute('x', mx.toFixed(1));
        e.tag.setAttribute('y', (my - 4).toFixed(1));
      }
    }
  }

  apply() {
    this.svg.classList.toggle('zoomed', this.k >= 1);
    // names stay legible when zoomed out
    this.svg.style.setProperty('--label-scale', String(this.k < 1 ? 1 / Math.sqrt(this.k) : 1));
    this.view.setAttribute('transform', 'translate(' + this.tx.toFixed(1) + ',' + this.ty.toFixed(1) + ') scale(' + this.k.toFixed(4) + ')');
  }

  // fit zooms and pans so that every node is in view.
  fit() {
    const ns = [...this.nodes.values()];
    if (!ns.length) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of ns) {
      const half = Math.max(n.r, n.name.length * 3.4) + 8; // labels are about 6.8px a character
      x0 = Math.min(x0, n.x - half); x1 = Math.max(x1, n.x + half);
      y0 = Math.min(y0, n.y - n.r - 10); y1 = Math.max(y1, n.y + n.r + 24);
    }
    const w = this.width(), hgt = this.height();
    this.size = [w, hgt]; // fitted to this size: a resize observed later moves nothing
    this.k = Math.max(0.2, Math.min(1.3, Math.min(w / (x1 - x0), hgt / (y1 - y0))));
    this.tx = w / 2 - this.k * (x0 + x1) / 2;
    this.ty = hgt / 2 - this.k * (y0 + y1) / 2;
    this.apply();
  }

  zoomAt(f, px, py) {
    this.touched = true;
    const k = Math.max(0.15, Math.min(5, this.k * f));
    const wx = (px - this.tx) / this.k, wy = (py - this.ty) / this.k;
    this.k = k;
    this.tx = px - wx * k;
    this.ty = py - wy * k;
    this.apply();
  }

  bindPointer() {
    const svg = this.svg;
    let drag = null; // {kind: 'pan'|'node', ...}
    const local = (ev) => {
      const r = svg.getBoundingClientRect();
      return [ev.clientX - r.left, ev.clientY - r.top];
    };
    svg.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const [x, y] = local(ev);
      this.zoomAt(Math.exp(-ev.deltaY * 0.0015), x, y);
    }, { passive: false });
    svg.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      const [x, y] = local(ev);
      const nodeEl = ev.target.closest('.node');
      if (nodeEl) {
        const n = this.nodes.get(Number(nodeEl.dataset.actorId));
        drag = { kind: 'node', n, x0: x, y0: y, moved: false };
        this.dragging = true;
      } else if (!ev.target.closest('.edge')) {
        drag = { kind: 'pan', x0: x, y0: y, tx: this.tx, ty: this.ty, moved: false };
        svg.classList.add('panning');
      } else return;
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener('pointermove', (ev) => {
      if (!drag) return;
      const [x, y] = local(ev);
      if (Math.abs(x - drag.x0) + Math.abs(y - drag.y0) > 4) drag.moved = true;
      if (!drag.moved) return;
      this.touched = true;
      if (drag.kind === 'pan') {
        this.tx = drag.tx + x - drag.x0;
        this.ty = drag.ty + y - drag.y0;
        this.apply();
      } else {
        const n = drag.n;
        n.x = (x - this.tx) / this.k;
        n.y = (y - this.ty) / this.k;
        n.fixed = true;
        n.el.classList.add('pinned');
        this.alpha = Math.max(this.alpha, 0.3);
        this.positions();
        this.run();
      }
    });
    const end = (ev) => {
      if (!drag) return;
      svg.classList.remove('panning');
      this.dragging = false;
      const d = drag;
      drag = null;
      if (svg.hasPointerCapture(ev.pointerId)) svg.releasePointerCapture(ev.pointerId);
      if (d.kind === 'node' && !d.moved && ev.type === 'pointerup') this.opts.onNode(d.n.id);
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
  }
}

// toward returns the point at distance d from (x, y) in the direction of
// (tx, ty).
function toward(x, y, tx, ty, d) {
  const dx = tx - x, dy = ty - y;
  const len = Math.sqrt(dx * dx + dy * dy) || 1;
  return [x + dx / len * d, y + dy / len * d];
}

// legend explains the colours and line styles of the edges drawn.
export function legend(types) {
  const present = relationTypes.filter(t => types.has(t));
  return h('div.legend', null,
    h('div.legend-row', null, present.map(t => h('span.key', null,
      h('span.swatch-line', { class: 'rel-' + t.toLowerCase() }), label(t)))),
    h('div.legend-row', null,
      h('span.key', null, h('span.swatch-line.dashed'), 'NOT: the report denies it'),
      h('span.key', null, h('span.swatch-line.contested'), '⚠ contested: reports disagree'),
      h('span.key', null, h('span.swatch-arrow', null, '→'), 'direction (none: mutual)')),
    h('div.legend-row', null, entityTypes.map(t => h('span.key', null,
      h('span.swatch-dot', { class: 'type-' + t.toLowerCase() }), label(t)))));
}
