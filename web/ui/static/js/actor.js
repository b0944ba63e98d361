// The actor page: profile, network of its neighbourhood with filters and
// evidence, relationships grouped by type, and its main sources.

import { h, clear, append, link, loading, empty, errorBox, typeBadge, relBadge, modalityBadge, dateRange, plural, label, relationTypes, motion } from './dom.js';
import { get, items } from './api.js';
import { Graph, legend } from './graph.js';
import { showEvidence, rememberNames } from './evidence.js';
import { navigate } from './app.js';
import { assessBadges, assessText, assessLegend, assessFilter } from './assess.js';

export async function actorPage(main, [id], params) {
  main.appendChild(loading('actor'));
  let p;
  try {
    p = await get('/actors/' + id);
  } catch (e) {
    clear(main).append(errorBox(e), h('p', null, 'Search for an actor by any of its names in the box above, or start from ', link('/', 'the most-reported actors'), '.'));
    document.title = 'Actor not found · actorgraph';
    return;
  }
  clear(main);
  const a = p.actor;
  rememberNames(a);
  document.title = a.name + ' · actorgraph';
  const relations = p.relations || {};
  const sources = p.top_sources || [];
  const titles = new Map(sources.map(s => [s.doc_id, s.title]));
  // the four assessments of every relationship listed, by edge id
  const assess = Object.assign({}, p.assessments);

  // --- heading and profile
  append(main, h('header.page-head', null,
    h('div', null,
      h('h1', null, a.name, ' ', typeBadge(a.type)),
      h('p.muted', null, [
        plural(a.mentions || 0, 'mention'), plural(a.documents || 0, 'report'), plural(a.evidence || 0, 'evidence sentence'),
      ].join(' · '), a.kb_id ? ' · in the knowledge base' : '')),
    h('div.actions', null,
      link('/timeline/' + a.id, 'Timeline'),
      link('/path?from=' + encodeURIComponent(a.name), 'Connections…'),
      h('span.muted.export-label', null, 'Export'),
      [['graphml', 'GraphML'], ['gexf', 'GEXF'], ['stix', 'STIX'], ['csv', 'CSV']].map(([f, name]) =>
        h('a', { href: '/api/export?format=' + f + '&actor=' + a.id + '&hops=1', download: '', title: 'Download ' + a.name + ' and its neighbours as ' + name }, name)))));

  if (a.ambiguous && a.ambiguous.length) {
    main.appendChild(h('p.notice', null, 'Another actor shares one of these names: ',
      a.ambiguous.map((o, i) => [i ? ', ' : '', link('/actor/' + o, '#' + o)]), '.'));
  }

  // --- network
  const panel = h('aside.evidence-panel#evidence', { hidden: true, 'aria-live': 'polite' });
  const netBox = h('section.card.network', { id: 'network' });
  main.appendChild(h('div.net-layout', null, netBox, panel));
  netBox.appendChild(h('h2', null, 'Network'));
  const af = assessFilter();
  const filters = filterForm(af);
  netBox.appendChild(filters.form);
  const graphHost = netBox.appendChild(h('div.graph-host'));
  const graph = new Graph(graphHost, {
    root: a.id,
    onNode: (nid) => { if (nid !== a.id) navigate('/actor/' + nid); },
    onEdge: (e) => openEvidence(e),
  });
  const legendBox = netBox.appendChild(h('div'));

  // every edge seen, to find the other side of a contested one
  const known = new Map();
  for (const list of Object.values(relations)) for (const e of list) known.set(e.id, e);
  const counterpart = (e) => [...known.values()].find(o => o.source === e.source && o.target === e.target &&
    o.type === e.type && o.negated !== e.negated);

  function openEvidence(e) {
    graph.select(e.id);
    showEvidence(panel, e.id, e, { counterpart: e.contested ? counterpart(e) : null, open: openEvidence });
    // opened from the list further down, or on a narrow screen: bring it
    // into view below the sticky header
    const head = document.querySelector('header.top');
    const top = head ? head.getBoundingClientRect().bottom + 8 : 8;
    const r = panel.getBoundingClientRect();
    if (r.top < top || r.top > window.innerHeight * 0.6) {
      window.scrollTo({ top: Math.max(0, window.scrollY + r.top - top), behavior: motion() });
    }
  }

  let seq = 0;
  async function loadGraph() {
    const mine = ++seq;
    graph.status.textContent = 'Loading the network…';
    const f = filters.value();
    let g = { nodes: [], edges: [] }; // nothing can match: no type or no modality picked
    try {
      if (f) g = await get('/actors/' + a.id + '/graph', f);
    } catch (e) {
      if (mine === seq) { graph.status.textContent = ''; graph.status.appendChild(errorBox(e)); }
      return;
    }
    if (mine !== seq) return;
    const nodes = g.nodes || [];
    if (!nodes.some(n => n.id === a.id)) nodes.unshift({ id: a.id, name: a.name, type: a.type, evidence: a.evidence });
    Object.assign(assess, g.assessments);
    for (const e of g.edges || []) known.set(e.id, e);
    // the assessment filters keep the relationships that pass and the
    // actors they still link
    const edges = (g.edges || []).filter(e => af.match(assess[e.id]));
    for (const e of edges) e.assessText = assessText(assess[e.id]);
    const linked = new Set(edges.flatMap(e => [e.source, e.target]));
    graph.setData(af.active() ? nodes.filter(n => n.id === a.id || linked.has(n.id)) : nodes, edges);
    clear(legendBox).append(legend(new Set(edges.map(e => e.type))), assessLegend());
  }
  filters.form.addEventListener('change', loadGraph);
  filters.form.addEventListener('change', (ev) => { if (af.el.contains(ev.target)) renderRelations(); });
  filters.form.addEventListener('submit', (ev) => { ev.preventDefault(); loadGraph(); });
  loadGraph();

  // ?edge=ID opens that relationship's evidence at once
  const want = Number(params && params.get('edge'));
  if (want > 0) {
    const e = known.get(want);
    if (e) openEvidence(e);
    else get('/edges/' + want).then(openEvidence).catch(err => { panel.hidden = false; clear(panel).appendChild(errorBox(err)); });
  }

  // --- relationships and profile side by side
  const relBox = h('section.card.relations', { id: 'relations' }, h('h2', null, 'Relationships'));
  const side = h('div.side');
  main.appendChild(h('div.grid-main', null, relBox, side));
  const relList = relBox.appendChild(h('div.rel-list'));
  const types = relationTypes.filter(t => relations[t] && relations[t].length)
    .concat(Object.keys(relations).filter(t => !relationTypes.includes(t)));
  // renderRelations lists the relationships that pass the assessment filters
  function renderRelations() {
    clear(relList);
    if (!types.length) relList.appendChild(empty('No relationship of ' + a.name + ' has been read from a report yet.'));
    else if (af.active()) relList.appendChild(h('p.meta', null, 'Only the relationships whose assessments pass the network’s filters.'));
    let shown = 0;
    for (const t of types) {
      const list = relations[t].filter(e => af.match(assess[e.id]));
      if (!list.length) continue;
      shown += list.length;
      relList.appendChild(h('h3.rel-group', null, relBadge(t), h('span.count', null, String(list.length))));
      relList.appendChild(h('table.list.rels', null, h('tbody', null, list.map(e => relRow(a, e, assess[e.id], openEvidence)))));
    }
    if (types.length && !shown) relList.appendChild(empty('No relationship passes the assessment filters.'));
  }
  renderRelations();

  // aliases with the report that first used each
  const aliases = a.aliases || [];
  side.appendChild(h('section.card', { id: 'aliases' }, h('h2', null, 'Also called'),
    aliases.length ? h('ul.aliases', null, aliases.map(al => h('li', null,
      h('span.alias', null, al.name),
      h('span.meta', null, ' ×' + (al.count || 0) + ' · ',
        al.doc_id ? ['first in ', link('/document/' + al.doc_id, titles.get(al.doc_id) || 'report #' + al.doc_id)]
          : 'knowledge base or analyst')))) : empty('No other names.')));

  side.appendChild(h('section.card', { id: 'sources' }, h('h2', null, 'Main sources'),
    sources.length ? h('ol.sources', null, sources.map(s => h('li', null,
      link('/document/' + s.doc_id, s.title || 'Report #' + s.doc_id),
      h('div.meta', null, (s.published || 'undated') + ' · ' + plural(s.evidence || 0, 'sentence'))))) : empty('No sources.')));

  return () => graph.destroy();
}

// relRow is one relationship of actor a in the list.
function relRow(a, e, assessment, open) {
  const out = e.source === a.id;
  const otherID = out ? e.target : e.source;
  const otherName = out ? e.target_name : e.source_name;
  const btn = h('button.link', { type: 'button', 'data-edge-id': e.id, title: 'Show the evidence' }, plural(e.count || 1, 'sentence'));
  btn.addEventListener('click', () => open(e));
  return h('tr', { class: e.negated ? 'negated' : null },
    h('td.dir', { title: out ? a.name + ' → ' + otherName : otherName + ' → ' + a.name }, out ? '→' : '←'),
    h('td', null, e.negated ? h('span.not', null, 'NOT ') : null, link('/actor/' + otherID, otherName || '#' + otherID),
      e.contested ? h('span.contested-badge', { title: 'some reports assert this and others deny it' }, '⚠ contested') : null,
      assessment ? h('div.assess-line', null, assessBadges(assessment)) : null),
    h('td.modalities', null, (e.modalities || []).map(m => modalityBadge(m))),
    h('td.dates', null, dateRange(e.first_seen, e.last_seen)),
    h('td.num', null, btn));
}

// filterForm builds the network's filters: hops, relation types, dates,
// modalities, and the assessment filters af (which filter the list too).
function filterForm(af) {
  // every type, so that two hops can show types the actor itself lacks
  const types = relationTypes.slice();
  const typeBoxes = types.map(t => h('label.chip', { class: 'rel-' + t.toLowerCase() },
    h('input', { type: 'checkbox', name: 'type', value: t, checked: true }), label(t)));
  const modBoxes = ['asserted', 'reported', 'possible'].map(m => h('label.chip', null,
    h('input', { type: 'checkbox', name: 'modality', value: m, checked: true }), m));
  const hops = h('select', { name: 'hops', 'aria-label': 'Hops' },
    h('option', { value: '1', selected: true }, '1 hop'), h('option', { value: '2' }, '2 hops'));
  const since = h('input', { type: 'date', name: 'since', 'aria-label': 'Since' });
  const until = h('input', { type: 'date', name: 'until', 'aria-label': 'Until' });
  const form = h('form.filters', { 'aria-label': 'Network filters' },
    h('fieldset', null, h('legend', null, 'Reach'), hops),
    types.length ? h('fieldset.types', null, h('legend', null, 'Relationship types'), typeBoxes) : null,
    h('fieldset', null, h('legend', null, 'Dates'), since, h('span', null, '–'), until),
    h('fieldset', null, h('legend', null, 'Modality'), modBoxes),
    af.el);
  return {
    form,
    value() {
      const picked = typeBoxes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
      const mods = modBoxes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
      if ((types.length && !picked.length) || !mods.length) return null;
      return {
        hops: hops.value,
        // all types picked: no filter, so that 2-hop neighbours' other types show too
        type: picked.length === types.length ? '' : picked,
        modality: mods.length === 3 ? '' : mods,
        since: since.value, until: until.value,
        limit: 300,
      };
    },
  };
}
