// The four assessments of a relationship, shown beside its evidence and
// kept apart: the reliability of its sources (A–F), the credibility of
// the information (1–6), the modality and negation of its sentences, and
// the analyst's confidence.

import { h, clear, append, errorBox, modalityBadge, plural } from './dom.js';
import { asOf } from './api.js';
import { getLatest } from './analytic.js';

const reliability = {
  A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable',
  D: 'not usually reliable', E: 'unreliable', F: 'reliability cannot be judged',
};
const credibility = {
  1: 'confirmed by other sources', 2: 'probably true', 3: 'possibly true',
  4: 'doubtful', 5: 'improbable', 6: 'truth cannot be judged',
};

// assessmentBox returns the box at once and fills it when the assessment
// arrives.
export function assessmentBox(edgeId) {
  const box = h('section.assess', { 'aria-label': 'Assessments', 'data-edge': String(edgeId) },
    h('h3', null, 'Assessments'), h('p.meta', null, 'Loading…'));
  fill(box, edgeId);
  return box;
}

async function fill(box, id) {
  let a;
  try {
    a = await getLatest('/edges/' + id + '/assessment');
  } catch (e) {
    // a store that keeps no assessments answers invalid: said quietly
    clear(box).append(h('h3', null, 'Assessments'), e.code === 'invalid' ? h('p.meta', null, e.message + '.') : errorBox(e));
    return;
  }
  clear(box);
  const named = (a.publishers || []).filter(p => p.publisher);
  const unnamed = (a.publishers || []).find(p => !p.publisher);
  const pubs = [...named.map(p => p.publisher + ': ' + p.reliability),
    unnamed ? (named.length ? 'reports without a publisher: ' + unnamed.reliability : 'no report names its publisher') : null].filter(Boolean).join(', ');
  const cred = a.credibility;
  append(box, [
    h('h3', null, 'Assessments'),
    h('dl.assess-grid', null,
      h('dt', null, 'Source reliability'),
      h('dd', null, h('span.grade', { class: 'rel-grade-' + String(a.reliability).toLowerCase() }, a.reliability || 'F'), ' ',
        reliability[a.reliability] || '', pubs ? h('span.meta', null, ' · ' + pubs) : null),
      h('dt', null, 'Information credibility'),
      h('dd', null, h('span.grade', { class: 'cred-grade-' + cred }, String(cred || 6)), ' ', credibility[cred] || '',
        h('span.meta', null, ' · ' + plural(a.independent_sources || 0, 'independent source') +
          (a.opposing_sources ? ', ' + plural(a.opposing_sources, 'opposing source') : '') +
          (a.analyst_credibility ? ' · set by the analyst (derived: ' + a.derived_credibility + ')' : ' · derived'))),
      h('dt', null, 'Modality'),
      h('dd', null, a.negated ? [h('span.neg-badge', null, 'negated'), ' '] : null, modalityBadge(a.modality || 'asserted'),
        h('span.meta', null, a.negated ? ' the sentences deny it' : ' the strongest of its sentences')),
      h('dt', null, 'Analyst confidence'),
      h('dd', null, a.confidence ? h('span.grade.conf', null, a.confidence) : h('span.muted', null, 'not assessed'),
        a.note ? h('span.meta', null, ' · ' + a.note) : null)),
    asOf() ? h('p.meta', null, 'Graded on all the evidence stored, whatever the date chosen.') : null,
  ]);
}
