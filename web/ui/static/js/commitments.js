// The commitments page: pledges read from the reports (who promised whom
// what, and when), each checked against later evidence of conduct; a
// broken or contested one shows the pledge and the contrary sentences
// side by side.

import { h, clear, append, link, loading, empty, errorBox, relBadge, plural } from './dom.js';
import { get, items } from './api.js';
import { navigate } from './app.js';
import { pager } from './home.js';
import { quote } from './analytic.js';

const pageSize = 50;

// statusOf names a checked commitment's status: broken or contested as
// the API says, kept when later sentences show it kept, else open.
export function statusOf(c) {
  if (c.status) return c.status;
  return c.keeping && c.keeping.length ? 'kept' : 'open';
}

const statusHelp = {
  broken: 'asserted evidence of conduct contradicts the pledge',
  contested: 'only reported evidence contradicts it, or the sources disagree',
  kept: 'later asserted evidence shows it kept',
  open: 'nothing stored contradicts it yet',
};

export function statusBadge(st) {
  return h('span.status', { class: 'status-' + st, title: statusHelp[st] || '' }, st);
}

export async function commitmentsPage(main, _m, params) {
  const actor = (params.get('actor') || '').trim();
  const broken = params.get('broken') === 'true';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  document.title = 'Commitments · actorgraph';
  const actorIn = h('input#cm-actor', { type: 'text', name: 'actor', value: actor, placeholder: 'any actor, e.g. Taliban' });
  const brokenIn = h('input#cm-broken', { type: 'checkbox', name: 'broken', checked: broken });
  const form = h('form.path-form.an-form', null,
    h('label', { for: 'cm-actor' }, 'Actor (who promised, or either side of the promise)', actorIn),
    h('label.an-check', { for: 'cm-broken' }, brokenIn, 'Broken or contested only'),
    h('button.primary', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    if (actorIn.value.trim()) q.set('actor', actorIn.value.trim());
    if (brokenIn.checked) q.set('broken', 'true');
    navigate('/commitments' + (q.toString() ? '?' + q.toString() : ''));
  });
  append(main, [
    h('h1', null, 'Commitments'),
    h('p.muted', null, 'Pledges, promises and agreements read from the reports, each checked against what later reports say the actors did.'),
    h('section.card', null, form),
  ]);
  const out = main.appendChild(h('div#commitments.an-list', null, loading('commitments')));
  let r;
  try {
    r = await get('/commitments', { actor, broken: broken ? 'true' : '', limit: pageSize, offset });
  } catch (e) {
    clear(out).appendChild(errorBox(e));
    return;
  }
  clear(out);
  const list = items(r);
  const total = r.total || list.length;
  out.appendChild(h('p.muted.an-count', null, total ? 'Showing ' + (offset + 1) + '–' + (offset + list.length) + ' of ' + plural(total, broken ? 'broken or contested commitment' : 'commitment') + '.' : ''));
  if (!list.length) {
    out.appendChild(empty(broken ? 'No broken or contested commitment' + (actor ? ' of ' + actor : '') + '.' : 'No commitment' + (actor ? ' of ' + actor : '') + ' has been read from a report.'));
    return;
  }
  for (const c of list) out.appendChild(card(c));
  const q = new URLSearchParams();
  if (actor) q.set('actor', actor);
  if (broken) q.set('broken', 'true');
  out.appendChild(pager('/commitments' + (q.toString() ? '?' + q.toString() : ''), offset, list.length, total));
}

function card(c) {
  const m = c.commitment || {};
  const st = statusOf(c);
  const promised = { source: m.source, target: m.target, source_name: m.source_name, target_name: m.target_name };
  const who = m.actor ? link('/actor/' + m.actor, m.actor_name || '#' + m.actor) : h('strong', null, m.actor_name || 'Someone');
  const head = h('div.an-head', null,
    statusBadge(st), ' ', who, ' ', h('span.muted', null, m.cue || 'promised'),
    ': ', h('span.an-promise', null,
      link('/actor/' + m.source, m.source_name || '#' + m.source), ' ', relBadge(m.type, m.negated), ' ',
      link('/actor/' + m.target, m.target_name || '#' + m.target)),
    m.to ? h('span.meta', null, ' · made to ', link('/actor/' + m.to, m.to_name || '#' + m.to)) : null,
    h('span.meta', null, ' · reported ' + (m.published || 'undated')));
  const pledge = h('div.an-side', null, h('h3', null, 'The pledge'),
    quote({ sentence: m.sentence, span: m.span, doc_id: m.doc_id, doc_title: m.doc_title, doc_url: m.doc_url, published: m.published }, promised, { noModality: true }));
  const el = h('section.card.commitment', { class: 'st-' + st, 'data-status': st, id: 'commitment-' + m.id }, head);
  const contrary = c.evidence || [];
  const keeping = c.keeping || [];
  if ((st === 'broken' || st === 'contested') && contrary.length) {
    const byEdge = new Map((c.contrary || []).map(e => [e.id, e]));
    const n = c.evidence_total || contrary.length;
    const against = h('div.an-side.an-against', null,
      h('h3', null, st === 'broken' ? 'What was done instead' : 'What some sources say was done',
        h('span.meta', null, ' · ' + plural(n, 'sentence'))),
      contrary.map(row => quote(row, byEdge.get(row.edge_id) || promised)),
      n > contrary.length ? h('p.meta', null, '… and ' + plural(n - contrary.length, 'more sentence')) : null);
    el.appendChild(h('div.an-versus', null, pledge, against));
  } else if (keeping.length) {
    el.appendChild(h('div.an-versus', null, pledge, h('div.an-side', null, h('h3', null, 'Evidence it was kept'),
      keeping.map(row => quote(row, promised)))));
  } else {
    el.appendChild(pledge);
  }
  return el;
}
