// The document page: a stored report's text with its actors and relations.

import { h, clear, append, link, loading, errorBox, safeURL } from './dom.js';
import { get } from './api.js';
import { annotated } from './textview.js';
import { briefBox } from './brief.js';

export async function documentPage(main, [id]) {
  main.appendChild(loading('report'));
  let r;
  try {
    r = await get('/documents/' + id);
  } catch (e) {
    clear(main).append(errorBox(e), h('p', null, link('/documents', 'See the stored reports'), ' or ', link('/analyze', 'analyse a new one'), '.'));
    document.title = 'Report not found · actorgraph';
    return;
  }
  clear(main);
  const d = r.document || {};
  const title = d.title || 'Untitled report #' + id;
  document.title = title + ' · actorgraph';
  const view = annotated(d.text || '', r);
  const url = safeURL(d.url);
  append(main, [
    h('header.page-head', null, h('div', null,
      h('h1.doc-title', null, title),
      h('p.muted', null, [d.published || 'undated', d.publisher, d.ingested ? 'stored ' + String(d.ingested).slice(0, 10) : null]
        .filter(Boolean).join(' · '), ' · ' + view.summary,
      url ? [' · ', h('a.ext', { href: url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null))),
    briefBox(id),
    h('div.doc-layout', null,
      h('article.card.doc-text', { id: 'text' }, h('p.key.hint', null,
        'Highlighted names are the actors read from the report; shaded sentences state a relation — ',
        'click a relation on the right to find its sentence.'), view.text),
      h('div.side', null, view.relations, view.entities)),
  ]);
  const m = /^#s(\d+)$/.exec(location.hash);
  if (m) setTimeout(() => view.scrollTo(Number(m[1])), 50);
}
