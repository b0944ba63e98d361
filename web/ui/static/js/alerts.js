// The alerts page: what changed for the watched actors after each ingest,
// newest first, each with the sentence behind it; the same alerts are an
// Atom feed.

import { h, clear, append, link, loading, empty, errorBox, plural } from './dom.js';
import { edgeTitle } from './evidence.js';
import { pager } from './home.js';
import { getLatest, latestNote, quote } from './analytic.js';

const pageSize = 50;

const kindHelp = {
  new: 'a relationship no report stated before',
  contested: 'sources now disagree about it',
  strengthened: 'more reports state it than at the last check',
};

export async function alertsPage(main, _m, params) {
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  document.title = 'Alerts · actorgraph';
  append(main, [
    h('header.page-head', null,
      h('div', null, h('h1', null, 'Alerts'),
        h('p.muted', null, 'What changed for the actors you watch, raised each time reports are stored, newest first.')),
      h('div.actions', null, h('a.feed', { href: '/api/alerts.atom', type: 'application/atom+xml' }, 'Atom feed'))),
    latestNote('Alerts'),
  ]);
  const out = main.appendChild(h('section.card#alerts', null, loading('alerts')));
  let r;
  try {
    r = await getLatest('/alerts', { limit: pageSize, offset });
  } catch (e) {
    clear(out).appendChild(errorBox(e));
    return;
  }
  clear(out);
  const list = r.items || [];
  const total = r.total || list.length;
  if (!list.length) {
    append(out, [
      empty('No alerts yet.'),
      h('p', null, 'Watch an actor with ', h('code', null, 'actorgraph watch --db FILE NAME'),
        '; when reports stored later bring it a new, contested or strengthened relationship, an alert appears here and in the feed.'),
    ]);
    return;
  }
  out.appendChild(h('p.muted', null, 'Showing ' + (offset + 1) + '–' + (offset + list.length) + ' of ' + plural(total, 'alert') + '.'));
  out.appendChild(h('ol.an-changes.an-alerts', null, list.map(a => h('li', { 'data-kind': a.kind },
    h('div.an-head', null,
      h('span.status', { class: 'status-' + a.kind, title: kindHelp[a.kind] || '' }, a.kind), ' ',
      edgeTitle(a.edge || {}),
      h('span.meta', null, ' · for ', link('/actor/' + a.actor, a.actor_name || '#' + a.actor),
        ' · raised ' + String(a.at || '').slice(0, 16).replace('T', ' ') + ' UTC',
        a.kind === 'strengthened' && a.prev_documents !== undefined ? ' · ' + plural(a.prev_documents, 'report') + ' before, ' + ((a.edge || {}).documents || 0) + ' now' : '')),
    a.evidence && a.evidence.sentence ? quote(a.evidence, a.edge) : null))));
  out.appendChild(pager('/alerts', offset, list.length, total));
}
