// The key-takeaways box of the document page: the report's 3–5 most
// telling sentences with why each was picked, its estimative judgments on
// the ICD 203 scale with the words that set them, its conditionals as
// if/then, and the commitments it records.

import { h, clear, link, loading, empty, errorBox, relBadge, motion, byteIndex } from './dom.js';
import { get } from './api.js';

// The ICD 203 scale, least likely first, with its probability ranges.
const scale = [
  ['almost no chance', '1–5%'], ['very unlikely', '5–20%'], ['unlikely', '20–45%'],
  ['roughly even chance', '45–55%'], ['likely', '55–80%'], ['very likely', '80–95%'], ['almost certain', '95–99%'],
];

// likelihoodBadge is an ICD 203 level, shaded by its place on the scale.
export function likelihoodBadge(l) {
  const i = scale.findIndex(([name]) => name === l);
  if (i < 0) return h('span.icd.icd-none', { title: 'no likelihood stated' }, 'no likelihood');
  return h('span.icd', { class: 'icd-' + i, title: 'ICD 203: ' + scale[i][0] + ' (' + scale[i][1] + ')' }, l + ' · ' + scale[i][1]);
}

// briefBox returns the box at once and fills it when the brief arrives.
export function briefBox(docId) {
  const box = h('section.card.brief#brief', { 'aria-labelledby': 'brief-title' },
    h('h2#brief-title', null, 'Key takeaways'), loading('key takeaways'));
  fill(box, docId);
  return box;
}

async function fill(box, docId) {
  let b;
  try {
    b = await get('/documents/' + docId + '/brief');
  } catch (e) {
    clear(box).appendChild(h('h2#brief-title', null, 'Key takeaways'));
    box.appendChild(errorBox(e));
    return;
  }
  box.querySelector('.loading').remove();
  const takeaways = b.takeaways || [];
  const judgments = b.judgments || [];
  const commitments = b.commitments || [];
  if (!takeaways.length && !judgments.length && !commitments.length) {
    box.appendChild(empty('No sentence of this report stands out: it states no relation, judgment or commitment.'));
    return;
  }
  // a judgment that is also a takeaway is shown with it
  const judgmentAt = new Map(judgments.map(j => [j.span ? j.span.start : -1, j]));
  const shown = new Set();
  if (takeaways.length) {
    box.appendChild(h('ol.takeaways', null, takeaways.map(t => {
      const j = t.span ? judgmentAt.get(t.span.start) : null;
      if (j) shown.add(j);
      return h('li', null,
        sentence(box, t.sentence, t.span),
        j ? judgment(j) : null,
        h('p.reasons', null, 'Why: ' + (t.reasons || []).join('; ')));
    })));
  }
  const others = judgments.filter(j => !shown.has(j));
  if (others.length) {
    box.appendChild(h('h3', null, 'Other judgments ', h('span.count', null, String(others.length))));
    box.appendChild(h('ol.judgments', null, others.map(j => h('li', { 'data-kind': j.kind },
      sentence(box, j.sentence, j.span), judgment(j)))));
  }
  if (commitments.length) {
    box.appendChild(h('h3', null, 'Commitments ', h('span.count', null, String(commitments.length))));
    box.appendChild(h('ul.brief-commitments', null, commitments.map(c => h('li', null,
      h('strong', null, c.actor_name || 'Someone'), ' ' + (c.cue || 'promised') + ': ',
      c.source_name || '', ' ', relBadge(c.type, c.negated), ' ', c.target_name || '',
      ' · ', link('/commitments?actor=' + encodeURIComponent(c.actor_name || c.source_name || ''), 'checked against conduct')))));
  }
}

// judgment is a judgment's ICD 203 level and cue, and a conditional's
// condition and consequence.
function judgment(j) {
  return h('div.judgment', { 'data-kind': j.kind },
    h('div.an-head', null, likelihoodBadge(j.likelihood), ' ',
      h('span.meta', null, j.kind === 'conditional' ? 'conditional judgment' : 'estimative judgment',
        j.cue ? [' · cue ', h('q.cue', null, j.cue)] : null)),
    j.kind === 'conditional' && j.condition && j.consequence
      ? h('p.ifthen', null, h('span.kw', null, connective(j) + ' '), j.condition.text, h('span.kw', null, ' → '), j.consequence.text)
      : null);
}

// connective is the word that opens a conditional's condition in its
// sentence ("If", "Unless", "As long as" …), so that "unless X" is never
// shown as "if X"; "If" when none is found.
export function connective(j) {
  const s = String(j.sentence || '');
  if (!j.span || !j.condition.span) return 'If';
  const at = byteIndex(s)(j.condition.span.start - j.span.start);
  const m = /\b(if|unless|provided(?: that)?|as long as|so long as|only if|even if|once|in case|should|when|whenever)\s*$/i.exec(s.slice(0, at));
  return m ? m[1][0].toUpperCase() + m[1].slice(1).toLowerCase() : 'If';
}

// sentence quotes a sentence of the report (without a list's bullet); a
// click finds it in the text.
function sentence(box, text, span) {
  const bq = h('blockquote.brief-sentence', null, String(text || '').replace(/^\s*[-–•*]\s+/, ''));
  if (span && span.start !== undefined) {
    bq.tabIndex = 0;
    bq.title = 'Show it in the report';
    const go = () => {
      const el = document.getElementById('s' + span.start);
      if (!el) return;
      el.scrollIntoView({ behavior: motion(), block: 'center' });
      el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash');
    };
    bq.addEventListener('click', go);
    bq.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') go(); });
  }
  return bq;
}
