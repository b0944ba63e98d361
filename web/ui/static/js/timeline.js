// The timeline page: an actor's dated relationships in order, each with
// its sentence and source, above a strip that shows when they happened.

import { h, s, clear, append, link, loading, empty, errorBox, typeBadge, modalityBadge, relColour, label, plural, highlightNames, relationTypes, motion } from './dom.js';
import { get, items } from './api.js';
import { edgeTitle, actorNames, rememberNames } from './evidence.js';
import { assessBadges } from './assess.js';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export async function timelinePage(main, [id]) {
  main.appendChild(loading('timeline'));
  let p, t;
  try {
    [p, t] = await Promise.all([get('/actors/' + id), get('/actors/' + id + '/timeline')]);
  } catch (e) {
    clear(main).appendChild(errorBox(e));
    return;
  }
  clear(main);
  const a = p.actor;
  rememberNames(a);
  document.title = 'Timeline of ' + a.name + ' · actorgraph';
  const events = items(t);
  const dated = events.filter(e => e.date).sort((x, y) => x.date.localeCompare(y.date));
  const undated = events.filter(e => !e.date);
  append(main, h('header.page-head', null,
    h('div', null,
      h('h1', null, 'Timeline of ', link('/actor/' + a.id, a.name), ' ', typeBadge(a.type)),
      h('p.muted', null, plural(dated.length, 'dated relationship sentence') + (undated.length ? ', ' + undated.length + ' undated' : ''))),
    h('div.actions', null, link('/actor/' + a.id, 'Back to the profile'))));
  if (!events.length) {
    main.appendChild(empty('No relationship of ' + a.name + ' has been read from a report yet.'));
    return;
  }
  // chips to show only some relationship types
  const types = relationTypes.filter(ty => events.some(ev => ev.edge && ev.edge.type === ty));
  const chips = h('form.filters.tl-filters', { 'aria-label': 'Relationship types shown' },
    h('fieldset.types', null, h('legend', null, 'Show'), types.map(ty => h('label.chip', { class: 'rel-' + ty.toLowerCase() },
      h('input', { type: 'checkbox', value: ty, checked: true }), label(ty) + ' ' + events.filter(ev => ev.edge && ev.edge.type === ty).length))));
  if (types.length > 1) main.appendChild(chips);
  if (dated.length) main.appendChild(strip(dated));
  const list = h('ol.timeline', { id: 'timeline' });
  main.appendChild(list);
  chips.addEventListener('change', () => {
    const shown = new Set([...chips.querySelectorAll('input:checked')].map(i => i.value));
    main.querySelectorAll('[data-type]').forEach(el => el.toggleAttribute('hidden', !shown.has(el.getAttribute('data-type'))));
    // a month with nothing shown hides its heading
    let heading = null, any = false;
    for (const li of list.children) {
      if (li.classList.contains('month')) {
        if (heading) heading.hidden = !any;
        heading = li; any = false;
      } else if (!li.hidden) any = true;
    }
    if (heading) heading.hidden = !any;
  });
  const assess = t.assessments || {}; // the four assessments by edge id
  let lastMonth = '';
  const names = new Map();
  const namesOf = (aid, fallback) => {
    if (!names.has(aid)) names.set(aid, actorNames(aid, fallback));
    return names.get(aid);
  };
  dated.forEach((ev, i) => {
    const month = ev.date.slice(0, 7);
    if (month !== lastMonth) {
      lastMonth = month;
      list.appendChild(h('li.month', null, months[Number(month.slice(5, 7)) - 1] + ' ' + month.slice(0, 4)));
    }
    list.appendChild(eventItem(ev, 'ev-' + i, namesOf, assess));
  });
  if (undated.length) {
    list.appendChild(h('li.month', null, 'Undated'));
    undated.forEach((ev, i) => list.appendChild(eventItem(ev, 'evu-' + i, namesOf, assess)));
  }
}

function eventItem(ev, id, namesOf, assess) {
  const e = ev.edge || {};
  const row = ev.evidence || {};
  const quote = h('blockquote', null, row.sentence || '');
  Promise.all([namesOf(e.source, e.source_name), namesOf(e.target, e.target_name)]).then(([sn, tn]) => {
    clear(quote);
    append(quote, highlightNames(row.sentence || '', [{ names: sn, cls: 'hl-source' }, { names: tn, cls: 'hl-target' }]));
  });
  const li = h('li.event', { id, 'data-type': e.type },
    h('div.ev-date', null, ev.date || '—'),
    h('div.ev-body', null,
      h('div', null, edgeTitle(Object.assign({}, e, { negated: row.negated !== undefined ? row.negated : e.negated })), ' ', modalityBadge(row.modality || 'asserted'),
        e.contested ? h('span.contested-badge', null, '⚠ contested') : null),
      quote,
      h('div.meta', null, link('/document/' + row.doc_id + '#s' + (row.span ? row.span.start : ''), row.doc_title || 'Report #' + row.doc_id),
        assess[e.id] ? [' · ', assessBadges(assess[e.id])] : null)));
  li.style.borderLeftColor = relColour(e.type);
  return li;
}

// strip draws one dot per event on a time axis; a dot links to its event.
function strip(dated) {
  const t0 = Date.parse(dated[0].date), t1 = Date.parse(dated[dated.length - 1].date);
  const span = Math.max(t1 - t0, 86400000 * 30);
  const W = 1000, H = 112, pad = 30;
  const x = (d) => pad + (Date.parse(d) - t0) / span * (W - 2 * pad);
  const svg = s('svg.strip', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'When the relationships were reported' });
  svg.appendChild(s('line.axis', { x1: pad, x2: W - pad, y1: H - 24, y2: H - 24 }));
  // year ticks
  const y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t0 + span).getUTCFullYear();
  for (let y = y0; y <= y1 + 1; y++) {
    const d = y + '-01-01';
    const px = x(d);
    if (px < pad - 1 || px > W - pad + 1) continue;
    svg.appendChild(s('line.tick', { x1: px, x2: px, y1: H - 28, y2: H - 20 }));
    svg.appendChild(s('text.tick-label', { x: px, y: H - 6, 'text-anchor': 'middle' }, String(y)));
  }
  // the first and last dates at the ends of the axis
  svg.appendChild(s('text.tick-label.end', { x: pad, y: 14 }, dated[0].date));
  svg.appendChild(s('text.tick-label.end', { x: W - pad, y: 14, 'text-anchor': 'end' }, dated[dated.length - 1].date));
  const stack = new Map();
  dated.forEach((ev, i) => {
    const px = Math.round(x(ev.date));
    const k = stack.get(px) || 0;
    stack.set(px, k + 1);
    const e = ev.edge || {};
    const a = s('a', { href: '#ev-' + i, 'data-type': e.type },
      s('circle', { cx: px, cy: H - 34 - Math.min(k, 5) * 9, r: 4, fill: relColour(e.type) },
        s('title', { text: ev.date + ': ' + (e.source_name || '') + ' ' + label(e.type) + ' ' + (e.target_name || '') })));
    a.addEventListener('click', (evt) => {
      evt.preventDefault();
      const el = document.getElementById('ev-' + i);
      if (el) { el.scrollIntoView({ behavior: motion(), block: 'center' }); el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash'); }
    });
    svg.appendChild(a);
  });
  return h('section.card.strip-box', null, svg);
}
