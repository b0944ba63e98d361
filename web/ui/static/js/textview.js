// A report's text with its entity mentions highlighted by type and the
// sentences behind its relations marked, beside the lists of extracted
// actors and relations. Used by the document page and the analyse page.
//
// The API's offsets are UTF-8 byte offsets; byteIndex turns them into
// string indices. The text is only ever placed in text nodes.

import { navigate } from './app.js';
import { h, link, byteIndex, typeBadge, relBadge, modalityBadge, label, plural, empty, entityTypes, motion } from './dom.js';

function spanOf(v) {
  if (Array.isArray(v)) return [v[0], v[1]];
  if (v && typeof v === 'object') return [v.start, v.end];
  return [0, 0];
}

// normalise reads either the document API's form (actor ids, names on
// the relation) or the extractor's form (local ids "e1") of a relation.
function normalise(x) {
  const ents = (x.entities || []).map(e => ({
    key: String(e.local_id || e.id), actor: typeof e.id === 'number' ? e.id : 0,
    name: e.name, type: e.type, mentions: e.mentions || [], aliases: e.aliases || [],
  }));
  const byKey = new Map(ents.map(e => [e.key, e]));
  const byActor = new Map(ents.filter(e => e.actor).map(e => [e.actor, e]));
  const rels = (x.relations || []).map((r, i) => {
    const se = byActor.get(r.source) || byKey.get(String(r.source));
    const te = byActor.get(r.target) || byKey.get(String(r.target));
    return {
      i, type: r.type, negated: !!r.negated, modality: r.modality, evidence: r.evidence || '',
      span: spanOf(r.evidence_span), edge: r.edge_id || 0,
      source: { name: r.source_name || (se && se.name) || String(r.source), actor: typeof r.source === 'number' ? r.source : (se && se.actor) || 0, type: se && se.type },
      target: { name: r.target_name || (te && te.name) || String(r.target), actor: typeof r.target === 'number' ? r.target : (te && te.actor) || 0, type: te && te.type },
    };
  });
  return { ents, rels };
}

// annotated builds the view of text with extraction x. It returns the
// element and a function that scrolls to a sentence by its byte start.
export function annotated(text, x) {
  const { ents, rels } = normalise(x);
  const conv = byteIndex(text);

  // intervals in string indices
  const mentions = [];
  for (const e of ents) {
    for (const m of e.mentions) {
      const [bs, be] = spanOf(m);
      const s = conv(bs), t = conv(be);
      if (t > s) mentions.push({ s, t, e });
    }
  }
  const sentences = new Map(); // "s:t" → {s, t, bs, rels: []}
  for (const r of rels) {
    const s = conv(r.span[0]), t = conv(r.span[1]);
    if (!(t > s)) continue;
    const key = s + ':' + t;
    if (!sentences.has(key)) sentences.set(key, { s, t, bs: r.span[0], rels: [] });
    sentences.get(key).rels.push(r);
    r.sentence = sentences.get(key);
  }

  // elementary segments between every boundary
  const cuts = new Set([0, text.length]);
  for (const m of mentions) { cuts.add(m.s); cuts.add(m.t); }
  for (const s of sentences.values()) { cuts.add(s.s); cuts.add(s.t); }
  const bounds = [...cuts].filter(c => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const segs = [];
  for (let i = 0; i + 1 < bounds.length; i++) segs.push({ s: bounds[i], t: bounds[i + 1], m: null, sents: [] });
  const at = (pos) => { // index of the segment starting at pos
    let lo = 0, hi = segs.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (segs[mid].s < pos) lo = mid + 1; else hi = mid; }
    return lo;
  };
  for (const m of mentions) { // overlapping mentions: the longest wins
    for (let i = at(m.s); i < segs.length && segs[i].t <= m.t; i++) {
      if (!segs[i].m || (segs[i].m.t - segs[i].m.s) < (m.t - m.s)) segs[i].m = m;
    }
  }
  for (const s of sentences.values()) {
    for (let i = at(s.s); i < segs.length && segs[i].t <= s.t; i++) segs[i].sents.push(s);
  }

  const body = h('div.report-text', { lang: 'en' });
  let lastMention = null, markEl = null;
  for (const seg of segs) {
    const piece = text.slice(seg.s, seg.t);
    let node = document.createTextNode(piece);
    if (seg.m) {
      if (seg.m !== lastMention || !markEl) {
        markEl = h('mark.ent', {
          class: 'type-' + String(seg.m.e.type).toLowerCase(),
          title: seg.m.e.name + ' (' + label(seg.m.e.type) + ')' + (seg.m.e.actor ? ' — click to open' : ''),
          'data-entity': seg.m.e.key,
        });
        if (seg.m.e.actor) markEl.dataset.actor = String(seg.m.e.actor);
      } else {
        markEl = markEl.cloneNode(false);
      }
      markEl.appendChild(node);
      node = markEl;
    }
    lastMention = seg.m;
    if (seg.sents.length) {
      const sp = h('span.ev', { 'data-sentence': seg.sents[0].s + ':' + seg.sents[0].t });
      for (const s of seg.sents) if (s.t > seg.s && seg.s === s.s) sp.id = 's' + s.bs;
      sp.title = seg.sents[0].rels.map(r => r.source.name + (r.negated ? ' — NOT ' : ' — ') + label(r.type) + ' → ' + r.target.name).join('\n');
      sp.appendChild(node);
      node = sp;
    }
    body.appendChild(node);
  }

  // a highlighted name of a stored actor opens that actor
  body.addEventListener('click', (ev) => {
    const m = ev.target.closest && ev.target.closest('mark.ent[data-actor]');
    if (m && !window.getSelection().toString()) navigate('/actor/' + m.dataset.actor);
  });

  // flash marks the sentence of relation r and scrolls to it.
  function flash(sentence) {
    const els = body.querySelectorAll('[data-sentence="' + sentence.s + ':' + sentence.t + '"]');
    body.querySelectorAll('.flash').forEach(el => el.classList.remove('flash'));
    els.forEach(el => { el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash'); });
    if (els.length) els[0].scrollIntoView({ behavior: motion(), block: 'center' });
  }

  // the lists beside the text
  const counts = new Map();
  for (const e of ents) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  const entityList = h('section.card.entities', { id: 'entities' },
    h('h2', null, 'Actors', h('span.count', null, String(ents.length))),
    h('p.key', null, entityTypes.filter(t => counts.has(t)).map(t => h('span.key', null, h('span.swatch-dot', { class: 'type-' + t.toLowerCase() }), label(t)))),
    ents.length ? h('ul.entities', null, [...ents].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name)).map(e => h('li', null,
      e.actor ? link('/actor/' + e.actor, e.name) : h('span.name', null, e.name), ' ', typeBadge(e.type),
      h('span.meta', null, ' ×' + e.mentions.length),
      e.aliases.length > 1 ? h('div.meta', null, 'as ' + e.aliases.filter(al => al !== e.name).join(', ')) : null))) : empty('No actors found.'));

  const relList = h('section.card.doc-relations', { id: 'doc-relations' },
    h('h2', null, 'Relations', h('span.count', null, String(rels.length))),
    rels.length ? h('ol.doc-rels', null, rels.map(r => {
      const li = h('li', { tabindex: '0', 'data-rel': r.i, title: 'Show the sentence in the text' },
        h('div.rel-line', null, actorRef(r.source), ' ', relBadge(r.type, r.negated), ' ', actorRef(r.target)),
        h('div.meta', null, modalityBadge(r.modality),
          r.edge && r.source.actor ? [' · ', link('/actor/' + r.source.actor + '?edge=' + r.edge, 'evidence in every report')] : null));
      const go = (ev) => {
        if (ev.target.closest('a')) return;
        if (r.sentence) flash(r.sentence);
      };
      li.addEventListener('click', go);
      li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') go(ev); });
      return li;
    })) : empty('No relations found.'));

  return {
    text: body, entities: entityList, relations: relList,
    // scrollTo flashes the sentence starting at byte offset b, if any.
    scrollTo(b) {
      const s = [...sentences.values()].find(x => x.bs === b);
      if (s) flash(s);
    },
    summary: plural(ents.length, 'actor') + ', ' + plural(rels.length, 'relation'),
  };
}

function actorRef(a) {
  return a.actor ? link('/actor/' + a.actor, a.name) : h('strong', null, a.name);
}

