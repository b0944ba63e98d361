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

// --- compact badges, legend and filters for lists of relationships: the
// answers that list relationships carry an "assessments" map keyed by
// edge id.

const confidenceHelp = {
  low: 'the analyst has low confidence in it',
  moderate: 'the analyst has moderate confidence in it',
  high: 'the analyst has high confidence in it',
};

// assessBadges shows the four assessments side by side, each on its own
// and explained by its tooltip: "B · 2 · asserted · high".
export function assessBadges(a) {
  if (!a) return null;
  const rel = a.reliability || 'F';
  const cred = a.credibility || 6;
  const sep = () => h('span.sep', { 'aria-hidden': 'true' }, '·');
  return h('span.assess-badges', { 'data-assess': rel + cred },
    h('span.grade.mini', { class: 'rel-grade-' + rel.toLowerCase(), title: 'Source reliability ' + rel + ': ' + reliability[rel] }, rel), sep(),
    h('span.grade.mini', { class: 'cred-grade-' + cred, title: 'Information credibility ' + cred + ': ' + credibility[cred] +
      ' (' + plural(a.independent_sources || 0, 'independent source') + (a.analyst_credibility ? ', set by the analyst' : '') + ')' }, String(cred)), sep(),
    a.negated ? h('span.neg-badge.mini', { title: 'the sentences deny the relationship' }, 'negated') : null,
    modalityBadge(a.modality || 'asserted'), sep(),
    a.confidence ? h('span.grade.mini.conf', { title: 'Analyst confidence: ' + confidenceHelp[a.confidence] }, a.confidence)
      : h('span.muted.conf-none', { title: 'Analyst confidence: not assessed yet' }, '–'));
}

// assessText is the same in words, for a tooltip.
export function assessText(a) {
  if (!a) return '';
  const rel = a.reliability || 'F';
  const cred = a.credibility || 6;
  return 'Source reliability ' + rel + ' (' + reliability[rel] + ') · information credibility ' + cred + ' (' + credibility[cred] + ') · ' +
    (a.negated ? 'negated, ' : '') + (a.modality || 'asserted') + ' · analyst confidence ' + (a.confidence || 'not assessed');
}

// assessLegend explains the four badges.
export function assessLegend() {
  return h('details.assess-legend', null,
    h('summary', null, 'Assessments: reliability · credibility · modality · confidence'),
    h('dl', null,
      h('dt', null, 'Source reliability A–F'), h('dd', null, 'the best Admiralty grade among the publishers reporting it: ',
        Object.entries(reliability).map(([k, v]) => k + ' ' + v).join(', ') + '.'),
      h('dt', null, 'Information credibility 1–6'), h('dd', null, 'derived from corroboration by independent sources, or set by the analyst: ',
        Object.entries(credibility).map(([k, v]) => k + ' ' + v).join(', ') + '.'),
      h('dt', null, 'Modality'), h('dd', null, 'how its strongest sentences commit to it: asserted, reported or possible; negated when they deny it.'),
      h('dt', null, 'Analyst confidence'), h('dd', null, 'low, moderate or high as set by the analyst; – not assessed yet.')));
}

// assessFilter builds the filters on reliability, credibility and analyst
// confidence; match(a) says whether an assessment passes them (a missing
// assessment passes only while no filter is set).
export function assessFilter() {
  const rel = h('select', { name: 'reliability', 'aria-label': 'Source reliability', title: 'Source reliability (Admiralty A–F)' },
    h('option', { value: '' }, 'any'),
    ['A', 'A-B', 'A-C', 'A-D', 'A-E'].map(v => h('option', { value: v }, v.replace('-', '–'))));
  const cred = h('select', { name: 'credibility', 'aria-label': 'Information credibility', title: 'Information credibility (1–6)' },
    h('option', { value: '' }, 'any'),
    ['1', '1-2', '1-3', '1-4', '1-5'].map(v => h('option', { value: v }, v.replace('-', '–'))));
  const confBoxes = [['low', 'low'], ['moderate', 'moderate'], ['high', 'high'], ['', 'not assessed']].map(([v, text]) => h('label.chip', null,
    h('input', { type: 'checkbox', name: 'confidence', value: v, checked: true }), text));
  const el = h('fieldset.assess-filter', null, h('legend', null, 'Assessments'),
    h('span.meta', null, 'reliability'), rel, h('span.meta', null, 'credibility'), cred, h('span.meta', null, 'confidence'), confBoxes);
  const range = (v) => { const [lo, hi] = v.split('-'); return [lo, hi || lo]; };
  return {
    el,
    active() { return rel.value !== '' || cred.value !== '' || confBoxes.some(l => !l.querySelector('input').checked); },
    match(a) {
      if (!this.active()) return true;
      if (!a) return false;
      if (rel.value) { const [lo, hi] = range(rel.value); if ((a.reliability || 'F') < lo || (a.reliability || 'F') > hi) return false; }
      if (cred.value) { const [lo, hi] = range(cred.value).map(Number); const c = a.credibility || 6; if (c < lo || c > hi) return false; }
      const picked = confBoxes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
      return picked.includes(a.confidence || '');
    },
  };
}
