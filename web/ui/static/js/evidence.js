// The evidence behind one relationship: every sentence, with the two
// actors highlighted, and the report it came from.

import { h, clear, append, link, loading, empty, errorBox, relBadge, modalityBadge, dateRange, plural, highlightNames, safeURL } from './dom.js';
import { get, items } from './api.js';
import { assessmentBox } from './assess.js';

const names = new Map(); // actor id → Promise of its names

// actorNames returns every name of an actor (its aliases), for highlighting.
export function actorNames(id, fallback) {
  if (!names.has(id)) {
    names.set(id, get('/actors/' + id).then(p => {
      const a = p.actor || p;
      return [a.name, ...(a.aliases || []).map(x => x.name)];
    }).catch(() => [fallback]));
  }
  return names.get(id).then(list => (fallback && !list.includes(fallback) ? [fallback, ...list] : list));
}

// rememberNames seeds the cache with a profile already at hand.
export function rememberNames(actor) {
  names.set(actor.id, Promise.resolve([actor.name, ...(actor.aliases || []).map(x => x.name)]));
}

// edgeTitle is "A —TYPE→ B" with links to both actors.
export function edgeTitle(e) {
  return h('span.edge-title', null,
    link('/actor/' + e.source, e.source_name || '#' + e.source), ' ',
    relBadge(e.type, e.negated), ' ',
    link('/actor/' + e.target, e.target_name || '#' + e.target));
}

// showEvidence fills panel with the evidence of edge id; edge may be the
// edge already known (for a heading while the request runs).
// opts.counterpart, when given, is the edge with the opposite negation
// (the other side of a contested relationship), opened by opts.open.
export async function showEvidence(panel, id, edge, opts) {
  clear(panel);
  panel.hidden = false;
  panel.dataset.edge = String(id);
  const close = h('button.close', { type: 'button', 'aria-label': 'Close the evidence', title: 'Close' }, '×');
  close.addEventListener('click', () => { clear(panel); panel.hidden = true; delete panel.dataset.edge; });
  const head = h('div.ev-head', null, h('h2', null, 'Evidence'), close);
  panel.appendChild(head);
  if (edge) panel.appendChild(h('p.ev-edge', null, edgeTitle(edge)));
  const wait = panel.appendChild(loading('evidence'));
  let r;
  try {
    r = await get('/edges/' + id + '/evidence');
  } catch (e) {
    wait.replaceWith(errorBox(e));
    return;
  }
  if (panel.dataset.edge !== String(id)) return; // another edge was picked meanwhile
  const e = r.edge || edge;
  const rows = items(r);
  const [srcNames, dstNames] = await Promise.all([actorNames(e.source, e.source_name), actorNames(e.target, e.target_name)]);
  if (panel.dataset.edge !== String(id)) return;
  wait.remove();
  const old = panel.querySelector('.ev-edge');
  if (old) old.remove();
  append(panel, [
    h('p.ev-edge', null, edgeTitle(e)),
    h('p.ev-summary', null, [
      plural(e.count || rows.length, 'sentence') + ' in ' + plural(e.documents || 1, 'report'),
      ' · ' + dateRange(e.first_seen, e.last_seen),
    ], e.contested ? h('span.contested-badge', { title: 'some sources assert this and others deny it' }, '⚠ contested') : null),
    assessmentBox(id),
  ]);
  const other = opts && opts.counterpart;
  if (other && opts.open) {
    const b = h('button.link.counterpart', { type: 'button' },
      other.negated ? 'See the ' + plural(other.count || 1, 'sentence') + ' that deny it →' : 'See the ' + plural(other.count || 1, 'sentence') + ' that assert it →');
    b.addEventListener('click', () => opts.open(other));
    panel.appendChild(h('p.ev-counter', null, b));
  }
  if (!rows.length) {
    panel.appendChild(empty('No evidence sentence is visible for this relationship (as of the chosen date).'));
    return;
  }
  panel.appendChild(h('ol.evidence', null, rows.map(row => h('li', null,
    h('blockquote', null, highlightNames(row.sentence || '', [
      { names: srcNames, cls: 'hl-source' },
      { names: dstNames, cls: 'hl-target' },
    ])),
    h('div.ev-meta', null,
      row.negated ? h('span.neg-badge', null, 'negated') : null,
      modalityBadge(row.modality), ' ',
      row.trigger ? h('span.trigger', { title: 'the words that signalled the relation' }, '“' + row.trigger + '” · ') : null,
      link('/document/' + row.doc_id + '#s' + (row.span ? row.span.start : ''), row.doc_title || 'Report #' + row.doc_id),
      row.published ? ' · ' + row.published : ' · undated',
      row.publisher ? ' · ' + row.publisher : '',
      safeURL(row.doc_url) ? [' · ', h('a.ext', { href: safeURL(row.doc_url), rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null)))));
}
