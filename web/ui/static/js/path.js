// The connections page: the shortest chains of relationships between two
// actors, each link with its evidence.

import { h, clear, append, link, loading, empty, errorBox, relBadge, modalityBadge, plural, highlightNames, safeURL } from './dom.js';
import { get } from './api.js';
import { navigate } from './app.js';
import { actorNames } from './evidence.js';

export async function pathPage(main, _m, params) {
  const from = (params.get('from') || '').trim();
  const to = (params.get('to') || '').trim();
  const hops = params.get('max_hops') || '3';
  document.title = 'Connections · actorgraph';
  const fromIn = h('input#path-from', { type: 'text', name: 'from', value: from, placeholder: 'an actor, e.g. Taliban', required: true });
  const toIn = h('input#path-to', { type: 'text', name: 'to', value: to, placeholder: 'another actor, e.g. Russia', required: true });
  const hopsIn = h('select#path-hops', { name: 'max_hops' }, ['1', '2', '3', '4'].map(n =>
    h('option', { value: n, selected: n === hops }, plural(Number(n), 'step'))));
  const form = h('form.path-form', null,
    h('label', { for: 'path-from' }, 'From', fromIn),
    h('label', { for: 'path-to' }, 'To', toIn),
    h('label', { for: 'path-hops' }, 'At most', hopsIn),
    h('button.primary', { type: 'submit' }, 'Find connections'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams({ from: fromIn.value.trim(), to: toIn.value.trim(), max_hops: hopsIn.value });
    navigate('/path?' + q.toString());
  });
  append(main, [
    h('h1', null, 'How are two actors connected?'),
    h('p.muted', null, 'The shortest chains of relationships between them, each link with the sentences that state it.'),
    h('section.card', null, form),
  ]);
  if (!from || !to) return;
  const out = main.appendChild(h('div#paths', null, loading('connections')));
  let r;
  try {
    r = await get('/path', { from, to, max_hops: hops });
  } catch (e) {
    clear(out).appendChild(errorBox(e));
    return;
  }
  clear(out);
  const paths = r.paths || [];
  const a = r.from, b = r.to;
  if (a && b) document.title = a.name + ' → ' + b.name + ' · actorgraph';
  out.appendChild(h('h2.path-count', null, paths.length ? plural(paths.length, 'chain') + ' from ' : 'No chain from ',
    a ? link('/actor/' + a.id, a.name) : from, ' to ', b ? link('/actor/' + b.id, b.name) : to,
    paths.length ? '' : ' in ' + plural(Number(hops), 'step') + ' or fewer.'));
  if (!paths.length) {
    out.appendChild(empty('Try more steps, or check the names.'));
    return;
  }
  paths.forEach((p, i) => out.appendChild(chain(p, i)));
}

// chain is one path: its actors in order, each link with its evidence.
function chain(p, i) {
  const hops = p.hops || [];
  const card = h('section.card.chain', { id: 'chain-' + i });
  const line = h('p.chain-line');
  hops.forEach((hop, j) => {
    const e = hop.edge;
    const [x, y] = hop.forward ? [e.source, e.target] : [e.target, e.source];
    const [xn, yn] = hop.forward ? [e.source_name, e.target_name] : [e.target_name, e.source_name];
    if (j === 0) line.appendChild(link('/actor/' + x, xn));
    line.append(' ', h('span.hop-arrow', null, hop.forward ? '' : '←'), relBadge(e.type, e.negated), h('span.hop-arrow', null, hop.forward ? '→' : ''), ' ', link('/actor/' + y, yn));
  });
  card.appendChild(line);
  const list = h('ol.hops');
  for (const hop of hops) {
    const e = hop.edge;
    const rows = hop.evidence || [];
    const quote = h('div');
    Promise.all([actorNames(e.source, e.source_name), actorNames(e.target, e.target_name)]).then(([sn, tn]) => {
      for (const row of rows.slice(0, 3)) {
        quote.appendChild(h('blockquote', null, highlightNames(row.sentence || '', [{ names: sn, cls: 'hl-source' }, { names: tn, cls: 'hl-target' }])));
        quote.appendChild(h('div.ev-meta', null, modalityBadge(row.modality), ' ',
          link('/document/' + row.doc_id + '#s' + (row.span ? row.span.start : ''), row.doc_title || 'Report #' + row.doc_id),
          row.published ? ' · ' + row.published : ' · undated',
          safeURL(row.doc_url) ? [' · ', h('a.ext', { href: safeURL(row.doc_url), rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null));
      }
      if (rows.length > 3) quote.appendChild(h('p.meta', null, '… and ' + plural(rows.length - 3, 'more sentence')));
    });
    list.appendChild(h('li', null,
      h('div.hop-head', null, e.source_name, ' ', relBadge(e.type, e.negated), ' ', e.target_name,
        h('span.meta', null, ' · ' + plural(e.count || rows.length, 'sentence'))),
      quote));
  }
  card.appendChild(list);
  return card;
}
