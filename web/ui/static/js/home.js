// The start page (most-evidenced actors, latest reports) and the list of
// stored reports.

import { h, clear, append, link, loading, empty, errorBox, typeBadge, plural, entityTypes, label } from './dom.js';
import { get, items } from './api.js';

export async function homePage(main) {
  document.title = 'actorgraph';
  const actorsBox = h('section.card', null, h('h2', null, 'Most-reported actors', h('a.more', { href: '/actors', 'data-link': '' }, 'all actors →')), loading('actors'));
  const docsBox = h('section.card', null, h('h2', null, 'Reports', h('a.more', { href: '/documents', 'data-link': '' }, 'all reports →')), loading('reports'));
  append(main, [
    h('section.intro', null,
      h('h1', null, 'Who is allied with, supports or attacks whom — and who said so'),
      h('p', null, 'actorgraph reads conflict and security reports and keeps the actors they name and the relationships between them, each with the exact sentence and report it came from. Search an actor by any of its names above, browse the reports, or ',
        link('/analyze', 'analyse a new report'), '.')),
    h('div.grid2', null, actorsBox, docsBox),
  ]);
  const stats = h('p.stats', { 'aria-live': 'polite' });
  main.querySelector('.intro').appendChild(stats);
  const [actors, docs, rels] = await Promise.allSettled([get('/actors', { limit: 15 }), get('/documents', { limit: 10 }), get('/relations', { limit: 1 })]);
  const total = (r) => (r.status === 'fulfilled' && typeof r.value.total === 'number' ? r.value.total : null);
  const parts = [[total(docs), 'report'], [total(actors), 'actor'], [total(rels), 'relationship']].filter(([n]) => n !== null);
  stats.append(...parts.map(([n, what]) => h('span.stat', null, h('strong', null, n.toLocaleString('en')), ' ' + (n === 1 ? what : what + 's'))));
  fill(actorsBox, actors, r => actorTable(items(r)), 'No actors yet: add a report.');
  fill(docsBox, docs, r => docList(items(r)), 'No reports stored yet.');
}

function fill(box, settled, render, none) {
  box.removeChild(box.querySelector('.loading'));
  if (settled.status === 'rejected') { box.appendChild(errorBox(settled.reason)); return; }
  const n = items(settled.value).length;
  box.appendChild(n ? render(settled.value) : empty(none));
}

// actorTable lists actors; with q, it names the alias that matched q
// when the name does not hold it.
export function actorTable(actors, q) {
  const low = (q || '').toLowerCase();
  const alias = (a) => {
    if (!low || a.name.toLowerCase().includes(low)) return null;
    const al = (a.aliases || []).find(x => x.name.toLowerCase().includes(low));
    return al ? h('div.meta', null, 'also “' + al.name + '”') : null;
  };
  return h('table.list', null,
    h('thead', null, h('tr', null, h('th', null, 'Actor'), h('th', null, 'Type'), h('th.num', null, 'Sentences'), h('th.num', null, 'Reports'))),
    h('tbody', null, actors.map(a => h('tr', null,
      h('td', null, link('/actor/' + a.id, a.name), alias(a)),
      h('td', null, typeBadge(a.type)),
      h('td.num', null, String(a.evidence || 0)),
      h('td.num', null, String(a.documents || 0))))));
}

function docId(d) { return d.doc_id || d.id; }

export function docList(docs) {
  return h('ul.docs', null, docs.map(d => h('li', null,
    link('/document/' + docId(d), d.title || 'Untitled report #' + docId(d)),
    h('div.meta', null, [d.published || 'undated', d.publisher, d.actors !== undefined ? plural(d.actors, 'actor') : null,
      d.relations !== undefined ? plural(d.relations, 'relation') : null].filter(Boolean).join(' · ')))));
}

const pageSize = 50;

export async function documentsPage(main, _m, params) {
  document.title = 'Reports · actorgraph';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  main.appendChild(h('h1', null, 'Reports'));
  const box = main.appendChild(h('section.card', null, loading('reports')));
  let r;
  try {
    r = await get('/documents', { limit: pageSize, offset });
  } catch (e) {
    clear(box).appendChild(errorBox(e));
    return;
  }
  clear(box);
  const list = items(r);
  if (!list.length) {
    box.appendChild(empty('No reports stored yet. ')).appendChild(link('/analyze', 'Analyse and add one.'));
    return;
  }
  const total = r.total || list.length;
  box.appendChild(h('p.muted', null, 'Showing ' + (offset + 1) + '–' + (offset + list.length) + ' of ' + total + '.'));
  box.appendChild(docList(list));
  box.appendChild(pager('/documents', offset, list.length, total));
}

// actorsPage lists every actor, most-reported first, by type.
export async function actorsPage(main, _m, params) {
  document.title = 'Actors · actorgraph';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const type = (params.get('type') || '').toUpperCase();
  const chips = h('nav.type-chips', { 'aria-label': 'Actor types' },
    [['', 'all']].concat(entityTypes.map(t => [t, label(t)])).map(([t, name]) =>
      h('a.chip', { href: '/actors' + (t ? '?type=' + t : ''), 'data-link': '', class: t === type ? 'on' : null, 'aria-current': t === type ? 'page' : null },
        t ? h('span.swatch-dot', { class: 'type-' + t.toLowerCase() }) : null, name)));
  main.append(h('h1', null, 'Actors'), chips);
  const box = main.appendChild(h('section.card', null, loading('actors')));
  let r;
  try {
    r = await get('/actors', { limit: pageSize, offset, type });
  } catch (e) {
    clear(box).appendChild(errorBox(e));
    return;
  }
  clear(box);
  const list = items(r);
  if (!list.length) {
    box.appendChild(empty(type ? 'No actor of this type yet.' : 'No actors yet: add a report.'));
    return;
  }
  const total = r.total || list.length;
  box.appendChild(h('p.muted', null, 'Showing ' + (offset + 1) + '–' + (offset + list.length) + ' of ' + total + ', most-reported first.'));
  box.appendChild(actorTable(list));
  box.appendChild(pager('/actors' + (type ? '?type=' + type : ''), offset, list.length, total));
}

export function pager(base, offset, n, total) {
  const nav = h('nav.pager', { 'aria-label': 'pages' });
  const sep = base.includes('?') ? '&' : '?';
  if (offset > 0) nav.appendChild(link(base + sep + 'offset=' + Math.max(0, offset - pageSize), '← Previous'));
  if (offset + n < total) nav.appendChild(link(base + sep + 'offset=' + (offset + n), 'Next →'));
  return nav;
}

