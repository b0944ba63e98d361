// The changes page: what changed since a date — relationships new, newly
// contested, strengthened or gone quiet, and actors first seen — ranked,
// each citing its sentence.

import { h, clear, append, link, loading, empty, errorBox, typeBadge, plural } from './dom.js';
import { navigate } from './app.js';
import { edgeTitle } from './evidence.js';
import { getLatest, latestNote, quote, dateInput } from './analytic.js';

const kinds = [
  ['new', 'New relationships', 'no report stated them before the date'],
  ['contested', 'Newly contested', 'sources now disagree, and did not before'],
  ['strengthened', 'Strengthened', 'more independent sources than before the date'],
  ['quiet', 'Gone quiet', 'no evidence since the date, and none for a while'],
];

// yearBefore is the day a year before d (YYYY-MM-DD).
function yearBefore(d) {
  const t = new Date(d + 'T00:00:00Z');
  t.setUTCFullYear(t.getUTCFullYear() - 1);
  return t.toISOString().slice(0, 10);
}

export async function changesPage(main, _m, params) {
  let since = params.get('since') || '';
  const limit = Math.min(500, Math.max(1, parseInt(params.get('limit') || '10', 10) || 10));
  document.title = 'Changes · actorgraph';
  const sinceIn = dateInput('ch-since', 'since', since);
  const form = h('form.path-form.an-form.an-narrow', null,
    h('label', { for: 'ch-since' }, 'Changes since', sinceIn),
    h('button.primary', { type: 'submit' }, 'Compare'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (sinceIn.value) navigate('/changes?since=' + sinceIn.value);
  });
  append(main, [
    h('h1', null, 'What changed?'),
    h('p.muted', null, 'The graph as the reports dated before a day described it, against the graph now: each change ranked by its evidence, weighted by how connected its actors are.'),
    latestNote('Changes'),
    h('section.card', null, form),
  ]);
  const out = main.appendChild(h('div#changes.an-list', null, loading('changes')));
  let r;
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) {
      // no date yet: a year before the newest report
      const probe = await getLatest('/changes', { since: yearBefore(new Date().toISOString().slice(0, 10)), limit: 1 });
      since = probe.latest ? yearBefore(probe.latest) : yearBefore(new Date().toISOString().slice(0, 10));
      sinceIn.value = since;
      const q = new URLSearchParams(location.search);
      q.set('since', since);
      history.replaceState(null, '', '/changes?' + q.toString());
    }
    r = await getLatest('/changes', { since, limit });
  } catch (e) {
    clear(out).appendChild(errorBox(e));
    return;
  }
  clear(out);
  const totals = r.totals || {};
  out.appendChild(h('p.an-totals', null,
    kinds.map(([k, title]) => h('a.an-total', { href: '#ch-' + k }, h('strong', null, String(totals[k] || 0)), ' ' + title.toLowerCase())),
    h('a.an-total', { href: '#ch-actors' }, h('strong', null, String(r.new_actors_total || 0)), ' actors first seen')));
  out.appendChild(h('p.meta', null, 'Since ' + r.since + (r.latest ? ', up to the newest report of ' + r.latest : '') +
    (r.quiet_before ? '; gone quiet: last evidence before ' + r.quiet_before : '') + '.'));
  const rels = r.relations || [];
  for (const [k, title, help] of kinds) {
    const list = rels.filter(c => c.kind === k);
    const n = totals[k] || list.length;
    const sec = h('section.card.an-kind', { id: 'ch-' + k, 'data-kind': k },
      h('h2', null, title, ' ', h('span.count', null, String(n))), h('p.meta', null, help + (n > list.length ? ' · the ' + list.length + ' that matter most' : '')));
    if (!list.length) sec.appendChild(empty('None.'));
    else sec.appendChild(h('ol.an-changes', null, list.map(c => change(c))));
    if (n > list.length) sec.appendChild(more(since, Math.min(500, n), n));
    out.appendChild(sec);
  }
  const actors = r.new_actors || [];
  const sec = h('section.card.an-kind', { id: 'ch-actors' },
    h('h2', null, 'Actors first seen', ' ', h('span.count', null, String(r.new_actors_total || actors.length))),
    h('p.meta', null, 'first named on or after the date'));
  if (!actors.length) sec.appendChild(empty('None.'));
  else sec.appendChild(h('ol.an-changes', null, actors.map(a => h('li', null,
    h('div.an-head', null, link('/actor/' + a.actor.id, a.actor.name), ' ', typeBadge(a.actor.type),
      h('span.meta', null, ' · first seen ' + (a.first_seen || 'undated') + ' in ', link('/document/' + a.first_doc, a.doc_title || 'Report #' + a.first_doc))),
    a.evidence ? quote(a.evidence, null, { actor: a.actor }) : null))));
  if ((r.new_actors_total || 0) > actors.length) sec.appendChild(more(since, Math.min(500, r.new_actors_total), r.new_actors_total));
  out.appendChild(sec);
}

// more links to the same comparison with longer lists.
function more(since, limit, total) {
  return h('p.an-more', null, link('/changes?since=' + since + '&limit=' + limit, limit < total ? 'Show the first ' + limit + ' of each' : 'Show all ' + total));
}

function change(c) {
  const e = c.edge || {};
  let what;
  switch (c.kind) {
    case 'new': what = plural(e.count || 0, 'sentence') + ' in ' + plural(e.documents || 0, 'report'); break;
    case 'strengthened': what = plural(c.sources_before, 'independent source') + ' before, ' + c.sources + ' now'; break;
    case 'contested': what = 'sources disagree now'; break;
    case 'quiet': what = 'last evidence ' + (c.last_evidence || e.last_seen || 'undated'); break;
    default: what = '';
  }
  const row = c.evidence || {};
  return h('li', { 'data-edge': e.id },
    h('div.an-head', null, edgeTitle(e), e.contested ? h('span.contested-badge', null, '⚠ contested') : null,
      h('span.meta', null, ' · ' + what)),
    row.sentence ? quote(row, e) : h('p.empty', null, 'No sentence is visible for it.'));
}
