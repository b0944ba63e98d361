// The network page: the actors that broker between communities (by
// betweenness, then degree), each citing a sentence behind its ties, and
// the communities of densely linked actors; filtered by relationship type
// and by when the evidence is dated.

import { h, clear, append, link, loading, empty, errorBox, label, plural, relationTypes } from './dom.js';
import { get, items } from './api.js';
import { navigate } from './app.js';
import { edgeTitle, showEvidence } from './evidence.js';
import { Graph } from './graph.js';
import { quote, dateInput } from './analytic.js';

const palette = 10; // community colours in analytic.css: .cm-0 … .cm-9

function swatch(id) {
  return h('span.cm-dot', { class: 'cm-' + (id % palette), 'aria-hidden': 'true' });
}

export function communityTag(id) {
  return h('a.cm-tag', { href: '#community-' + id, title: 'community ' + (id + 1) }, swatch(id), 'community ' + (id + 1));
}

export async function networkPage(main, _m, params) {
  const types = (params.get('type') || '').split(',').filter(t => relationTypes.includes(t));
  const since = params.get('since') || '';
  const until = params.get('until') || '';
  const top = Math.min(500, Math.max(1, parseInt(params.get('top') || '15', 10) || 15));
  document.title = 'Network · actorgraph';
  const chips = h('fieldset.types', null, h('legend', null, 'Types'), relationTypes.filter(t => t !== 'LOCATED_IN').map(t =>
    h('label.chip', { class: 'rel-' + t.toLowerCase() }, h('input', { type: 'checkbox', value: t, checked: !types.length || types.includes(t) }), label(t))));
  const sinceIn = dateInput('nw-since', 'since', since);
  const untilIn = dateInput('nw-until', 'until', until);
  const form = h('form.filters.an-filters', { 'aria-label': 'Which relationships count' }, chips,
    h('fieldset', null, h('legend', null, 'Evidence dated'),
      h('label', { for: 'nw-since' }, 'from '), sinceIn, h('label', { for: 'nw-until' }, ' to '), untilIn),
    h('button.primary', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    const on = [...chips.querySelectorAll('input:checked')].map(i => i.value);
    if (on.length && on.length < chips.querySelectorAll('input').length) q.set('type', on.join(','));
    if (sinceIn.value) q.set('since', sinceIn.value);
    if (untilIn.value) q.set('until', untilIn.value);
    navigate('/network' + (q.toString() ? '?' + q.toString() : ''));
  });
  append(main, [
    h('h1', null, 'Brokers and communities'),
    h('p.muted', null, 'Who sits between groups of densely linked actors: ranked by betweenness (how many shortest chains pass through them), then by degree (how many partners). Denials are not ties; places are left out.'),
    h('section.card', null, form),
  ]);
  const panel = h('aside.evidence-panel#evidence', { hidden: true, 'aria-live': 'polite' });
  const out = h('div#network.an-list', null, loading('network'));
  main.appendChild(h('div.net-layout', null, out, panel));
  let r;
  try {
    r = await get('/network', { top, type: types, since, until });
  } catch (e) {
    clear(out).appendChild(errorBox(e));
    return;
  }
  clear(out);
  const brokers = r.brokers || [];
  const comms = r.communities || [];
  out.appendChild(h('p.meta', null, plural(r.actors || 0, 'actor') + ' linked by ' + plural(r.links || 0, 'relationship') + ', in ' +
    plural(comms.length, 'community', 'communities') + (r.exact ? '' : ' · betweenness estimated from a sample of actors') + '.'));
  let graph = null;
  const open = (e) => { if (graph) graph.select(e.id); showEvidence(panel, e.id, e); };
  const overview = h('section.card#overview', null, h('h2', null, 'Overview'),
    h('p.meta', null, 'The best-attested relationships, each actor coloured by its community; click an actor to open it, a line for its evidence.'));
  out.appendChild(overview);
  if (comms.length) graph = drawOverview(overview, comms, { types, since, until }, open);
  else overview.appendChild(empty('No relationship matches these filters.'));
  const brokersBox = h('section.card#brokers', null, h('h2', null, 'Top brokers'));
  if (!brokers.length) brokersBox.appendChild(empty('No relationship matches these filters.'));
  else {
    brokersBox.appendChild(h('table.list.an-brokers', null,
      h('thead', null, h('tr', null, h('th.num', null, '#'), h('th', null, 'Actor'), h('th', null, 'Community'),
        h('th.num', { title: 'share of shortest chains between other actors that pass through it' }, 'Betweenness'),
        h('th.num', { title: 'distinct partners' }, 'Degree'),
        h('th.num', { title: 'partners in other communities / other communities reached' }, 'Bridges'))),
      h('tbody', null, brokers.map((b, i) => [
        h('tr.an-broker', { 'data-actor': b.actor },
          h('td.num', null, String(i + 1)),
          h('td', null, link('/actor/' + b.actor, b.name)),
          h('td', null, communityTag(b.community)),
          h('td.num', { 'data-label': 'betweenness' }, b.betweenness.toFixed(3)),
          h('td.num', { 'data-label': 'degree' }, String(b.degree)),
          h('td.num', { 'data-label': 'bridges' }, b.bridges + ' / ' + b.reaches)),
        h('tr.an-ties', null, h('td'), h('td', { colspan: 5 }, ties(b, open))),
      ]))));
  }
  if (brokers.length === top && top < 500) {
    const q = new URLSearchParams(location.search);
    q.delete('as_of');
    q.set('top', String(Math.min(500, top * 3)));
    brokersBox.appendChild(h('p.an-more', null, link('/network?' + q.toString(), 'Show the top ' + Math.min(500, top * 3))));
  }
  out.appendChild(brokersBox);
  const commBox = h('section.card#communities', null, h('h2', null, 'Communities'));
  if (!comms.length) commBox.appendChild(empty('None.'));
  else commBox.appendChild(h('ol.an-communities', null, comms.map(c => h('li', { id: 'community-' + c.id },
    h('div.an-head', null, swatch(c.id), ' ', h('strong', null, 'Community ' + (c.id + 1)), h('span.meta', null, ' · ' + plural(c.size, 'actor'))),
    h('p.an-members', null, (c.members || []).map((id, j) => [j ? ', ' : '', link('/actor/' + id, (c.names || [])[j] || '#' + id)]))))));
  out.appendChild(commBox);
  return () => { if (graph) graph.destroy(); };
}

// drawOverview draws the best-attested relationships among the actors of
// the communities with the app's network drawing, each actor coloured by
// its community (analytic.css overrides the type colour).
function drawOverview(box, comms, f, open) {
  const community = new Map();
  for (const c of comms) for (const id of c.members || []) community.set(id, c.id);
  const host = box.appendChild(h('div.graph-host.an-overview'));
  const graph = new Graph(host, { root: null, onNode: (id) => navigate('/actor/' + id), onEdge: open });
  const types = f.types.length ? f.types : relationTypes.filter(t => t !== 'LOCATED_IN');
  // the API filters by one type at most: the others are dropped here
  get('/relations', { type: types.length === 1 ? types[0] : '', since: f.since, until: f.until, negated: 'false', limit: 500 }).then(r => {
    const edges = items(r).filter(e => types.includes(e.type) && community.has(e.source) && community.has(e.target)).slice(0, 120);
    const nodes = new Map();
    for (const e of edges) {
      for (const [id, name] of [[e.source, e.source_name], [e.target, e.target_name]]) {
        const n = nodes.get(id) || { id, name, evidence: 0 };
        n.evidence += e.count || 1;
        nodes.set(id, n);
      }
    }
    if (!box.isConnected) return;
    graph.setData([...nodes.values()], edges);
    for (const g of host.querySelectorAll('g.node[data-actor-id]')) {
      g.classList.add('cm-' + (community.get(Number(g.dataset.actorId)) % palette));
    }
    box.querySelector('p.meta').textContent = plural(nodes.size, 'actor') + ' and the ' + plural(edges.length, 'best-attested relationship') +
      ' between them, each actor coloured by its community; click an actor to open it, a line for its evidence.';
  }).catch(e => { graph.status.textContent = ''; graph.status.appendChild(errorBox(e)); });
  return graph;
}

// ties are a broker's cited relationships: the sentence behind the
// first, and every tie opening its evidence.
function ties(b, open) {
  const list = b.ties || [];
  return h('div', null,
    h('ul.an-tielist', null, list.map(e => h('li', null, edgeTitle(e), ' · ',
      h('button.link', { type: 'button', onclick: () => open(e) }, plural(e.count || 1, 'sentence'))))),
    b.evidence && b.evidence.sentence ? quote(b.evidence, list.find(e => e.id === b.evidence.edge_id) || null) : null);
}
