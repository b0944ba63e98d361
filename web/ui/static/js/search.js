// Search results: actors whose names (any alias) match, and reports whose
// text matches, in two groups.

import { h, append, link, loading, empty, errorBox } from './dom.js';
import { get, items } from './api.js';
import { actorTable } from './home.js';

export async function searchPage(main, _m, params) {
  const q = (params.get('q') || '').trim();
  const input = document.getElementById('q');
  if (input && document.activeElement !== input) input.value = q;
  document.title = (q ? q + ' · ' : '') + 'Search · actorgraph';
  if (!q) {
    append(main, [h('h1', null, 'Search'), empty('Type an actor name, an alias or words from a report in the box above.')]);
    return;
  }
  main.appendChild(h('h1', null, 'Results for “', q, '”'));
  const actorsBox = h('section.card', { id: 'actor-results' }, h('h2', null, 'Actors'), loading('actors'));
  const docsBox = h('section.card', { id: 'document-results' }, h('h2', null, 'Reports'), loading('reports'));
  append(main, h('div.grid2', null, actorsBox, docsBox));

  const [actors, docs] = await Promise.allSettled([get('/actors', { q, limit: 50 }), get('/search', { q, limit: 50 })]);
  actorsBox.removeChild(actorsBox.querySelector('.loading'));
  if (actors.status === 'rejected') actorsBox.appendChild(errorBox(actors.reason));
  else {
    const list = items(actors.value);
    const total = actors.value.total || list.length;
    actorsBox.querySelector('h2').append(h('span.count', null, String(total)));
    actorsBox.appendChild(list.length ? actorTable(list, q) : empty('No actor has a name containing “' + q + '”.'));
  }
  docsBox.removeChild(docsBox.querySelector('.loading'));
  if (docs.status === 'rejected') docsBox.appendChild(errorBox(docs.reason));
  else {
    const list = items(docs.value);
    const total = docs.value.total || list.length;
    docsBox.querySelector('h2').append(h('span.count', null, String(total)));
    docsBox.appendChild(list.length ? h('ul.docs.hits', null, list.map(hit => h('li', null,
      link('/document/' + hit.doc_id, hit.title || 'Untitled report #' + hit.doc_id),
      hit.published ? h('span.meta', null, ' · ' + hit.published) : null,
      h('p.snippet', null, snippet(hit.snippet || '', docs.value.highlight))))) : empty('No report mentions “' + q + '”.'));
  }
}

// snippet renders a search snippet whose matches are wrapped in the
// markers the API names in its "highlight" field (** by default) as text
// with <mark>ed matches.
export function snippet(text, hl) {
  const start = (hl && hl.start) || '**', end = (hl && hl.end) || '**';
  const out = [];
  let rest = String(text);
  for (;;) {
    const i = rest.indexOf(start);
    const j = i < 0 ? -1 : rest.indexOf(end, i + start.length);
    if (i < 0 || j < 0) break;
    if (i > 0) out.push(document.createTextNode(rest.slice(0, i)));
    out.push(h('mark', null, rest.slice(i + start.length, j)));
    rest = rest.slice(j + end.length);
  }
  if (rest) out.push(document.createTextNode(rest));
  return out;
}
