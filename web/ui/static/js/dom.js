// DOM helpers. Every piece of data reaches the page as text (text nodes,
// textContent, attribute values), never as markup.

const SVGNS = 'http://www.w3.org/2000/svg';

// h builds an element: h('a.cls#id', {href: '/x'}, 'text', child, ...).
// Attributes starting with "on" are listeners; strings become text nodes.
export function h(tag, attrs, ...children) {
  return build(document.createElement(parseTag(tag).name), tag, attrs, children);
}

// s builds an SVG element the same way.
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVGNS, parseTag(tag).name), tag, attrs, children);
}

function parseTag(tag) {
  const m = /^([a-zA-Z0-9-]+)?((?:[.#][\w-]+)*)$/.exec(tag);
  return { name: (m && m[1]) || 'div', rest: (m && m[2]) || '' };
}

function build(el, tag, attrs, children) {
  const { rest } = parseTag(tag);
  for (const part of rest.match(/[.#][\w-]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') for (const c of String(v).split(/\s+/).filter(Boolean)) el.classList.add(c);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'text') el.textContent = String(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

// append adds children (nodes, strings, arrays, null) to el.
export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// clear removes every child of el.
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// link is an in-app link that the router handles without a reload.
export function link(href, ...children) {
  return h('a', { href, 'data-link': '' }, ...children);
}

// The colours of entity types and relation types, used by every view.
export const entityTypes = ['PERSON', 'ARMED_GROUP', 'ORG', 'COUNTRY', 'LOCATION'];
export const relationTypes = ['ALLY', 'AFFILIATE_OF', 'SPLINTER_OF', 'RIVAL', 'HOSTS', 'SUPPORTS',
  'PRESSURES', 'CONDEMNS', 'ATTACKS', 'LEADS', 'MEMBER_OF', 'LOCATED_IN'];

const relColours = {
  ALLY: '#2e7d32', AFFILIATE_OF: '#00838f', SPLINTER_OF: '#8e24aa', RIVAL: '#ef6c00',
  HOSTS: '#6d4c41', SUPPORTS: '#1565c0', PRESSURES: '#ad1457', CONDEMNS: '#5e35b1',
  ATTACKS: '#c62828', LEADS: '#283593', MEMBER_OF: '#00695c', LOCATED_IN: '#78909c',
};
const entColours = {
  PERSON: '#7b1fa2', ARMED_GROUP: '#c62828', ORG: '#1565c0', COUNTRY: '#2e7d32', LOCATION: '#8d6e63',
};

export function relColour(t) { return relColours[t] || '#607d8b'; }
export function entColour(t) { return entColours[t] || '#607d8b'; }

// label turns an enum name into words: ARMED_GROUP → "armed group".
export function label(t) { return String(t || '').toLowerCase().replace(/_/g, ' '); }

// typeBadge is a small coloured label for an entity type.
export function typeBadge(t) {
  return h('span.badge', { class: 'type-' + String(t).toLowerCase() }, label(t));
}

// relBadge is a small coloured label for a relation type.
export function relBadge(t, negated) {
  const b = h('span.rel', { class: 'rel-' + String(t).toLowerCase() }, negated ? 'NOT ' : '', label(t));
  if (negated) b.classList.add('negated');
  return b;
}

export function modalityBadge(m) {
  return h('span.modality', { class: 'mod-' + m, title: modalityHelp[m] || '' }, m);
}

const modalityHelp = {
  asserted: 'stated as fact',
  reported: 'attributed to someone: reportedly, according to, claimed',
  possible: 'a possibility, forecast, intention, pledge or demand',
};

// dateRange says when an edge was seen.
export function dateRange(first, last) {
  if (!first && !last) return 'undated';
  if (!first || first === last) return first || last;
  return first + ' – ' + last;
}

// motion is the scroll behaviour: smooth, unless the reader asked for
// reduced motion.
export function motion() {
  return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

// safeURL returns u when it is an http(s) URL, and "" otherwise, so that a
// report's URL can never run script (javascript:, data:).
export function safeURL(u) {
  // only absolute http(s) addresses link out; an empty or relative one
  // would otherwise resolve to this very page
  if (!u || !/^https?:\/\//i.test(String(u))) return '';
  try {
    const x = new URL(String(u));
    return x.protocol === 'http:' || x.protocol === 'https:' ? x.href : '';
  } catch (e) {
    return '';
  }
}

export function plural(n, one, many) {
  return n + ' ' + (n === 1 ? one : (many || one + 's'));
}

// loading is the placeholder shown while a request is in flight.
export function loading(what) {
  return h('div.loading', { role: 'status' }, h('span.spinner', { 'aria-hidden': 'true' }), 'Loading ' + (what || '') + '…');
}

// empty is the message for a list with nothing in it.
export function empty(msg) {
  return h('p.empty', null, msg);
}

// errorBox shows a failed request: its message and, when the API offered
// them, the closest actors.
export function errorBox(err, title) {
  const box = h('div.error', { role: 'alert' },
    h('strong', null, title || errTitle(err)), ' ', err && err.message ? err.message : String(err));
  if (err && Array.isArray(err.candidates) && err.candidates.length) {
    box.appendChild(h('p', null, 'Did you mean:'));
    box.appendChild(h('ul.candidates', null, err.candidates.map(a =>
      h('li', null, link('/actor/' + a.id, a.name), ' ', typeBadge(a.type)))));
  }
  return box;
}

function errTitle(err) {
  switch (err && err.code) {
    case 'not_found': return 'Not found.';
    case 'invalid': return 'That request is not valid.';
    case 'conflict': return 'Ambiguous.';
    case 'too_large': return 'Too large.';
    case 'unauthorized': return 'Not allowed.';
    case 'network': return 'The server could not be reached.';
    default: return 'Something went wrong.';
  }
}

// byteIndex maps UTF-8 byte offsets of text (what the API gives) to
// JavaScript string indices (UTF-16 code units). An offset inside a
// character maps to that character's start; offsets past the end map to
// the end.
export function byteIndex(text) {
  const n = text.length;
  const starts = []; // byte offset of each UTF-16 index that begins a code point
  const idx = [];
  let b = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let len;
    if (c < 0x80) len = 1;
    else if (c < 0x800) len = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        starts.push(b); idx.push(i);
        b += 4; i++;
        continue;
      }
      len = 3;
    } else len = 3;
    starts.push(b); idx.push(i);
    b += len;
  }
  const total = b;
  return function (off) {
    if (!(off > 0)) return 0;
    if (off >= total) return n;
    let lo = 0, hi = starts.length - 1; // last start <= off
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= off) lo = mid; else hi = mid - 1;
    }
    return idx[lo];
  };
}

// highlightNames returns nodes for sentence with every occurrence of the
// given names wrapped in <mark class=cls>; names is a list of
// {names: [...], cls}. Longer names win over shorter ones.
export function highlightNames(sentence, groups) {
  const hits = [];
  const low = sentence.toLowerCase();
  for (const g of groups) {
    for (const name of g.names || []) {
      if (!name || name.length < 2) continue;
      const n = name.toLowerCase();
      let at = 0;
      while ((at = low.indexOf(n, at)) >= 0) {
        const end = at + n.length;
        const before = at === 0 ? '' : low[at - 1];
        const after = end >= low.length ? '' : low[end];
        if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) hits.push({ start: at, end, cls: g.cls });
        at = end;
      }
    }
  }
  hits.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const out = [];
  let pos = 0;
  for (const hit of hits) {
    if (hit.start < pos) continue;
    if (hit.start > pos) out.push(document.createTextNode(sentence.slice(pos, hit.start)));
    out.push(h('mark', { class: hit.cls }, sentence.slice(hit.start, hit.end)));
    pos = hit.end;
  }
  if (pos < sentence.length) out.push(document.createTextNode(sentence.slice(pos)));
  return out;
}
