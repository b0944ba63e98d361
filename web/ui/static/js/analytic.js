// Pieces shared by the analytic pages (commitments, changes, network,
// alerts): a sentence quoted with its source, and reads of the answers
// that cannot be restricted to an earlier date.

import { h, link, modalityBadge, highlightNames, safeURL } from './dom.js';
import { ApiError, asOf } from './api.js';
import { actorNames } from './evidence.js';

// getLatest reads an answer that always covers everything stored (the
// API refuses as_of for it), so that a page opened with ?as_of= still
// works; the page says that the date does not apply.
export async function getLatest(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const qs = q.toString();
  let res;
  try {
    res = await fetch('/api' + path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError('network', 'the server could not be reached (' + e.message + ')', 0);
  }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const e = body && body.error;
    throw new ApiError((e && e.code) || 'internal', (e && e.message) || 'HTTP ' + res.status, res.status, e && e.candidates);
  }
  if (body === null) throw new ApiError('internal', 'the server sent no JSON', res.status);
  return body;
}

// latestNote says, on a page opened with ?as_of=, that this answer is
// about everything stored.
export function latestNote(what) {
  const d = asOf();
  if (!d) return null;
  return h('p.notice.an-latest', null, what + ' cover every report stored: the date ', h('strong', null, d), ' does not apply here.');
}

// docLink links to the sentence of an evidence row in its report.
export function docLink(row) {
  return link('/document/' + row.doc_id + '#s' + (row.span ? row.span.start : ''), row.doc_title || 'Report #' + row.doc_id);
}

// source is the line under a quoted sentence: modality, negation, the
// report (linked), its date and the original.
export function source(row, opts) {
  const url = row.doc_url ? safeURL(row.doc_url) : '';
  return h('div.ev-meta', null,
    opts && opts.noModality ? null : [row.negated ? h('span.neg-badge', null, 'negated') : null, row.modality ? modalityBadge(row.modality) : null, ' '],
    docLink(row),
    row.published ? ' · ' + row.published : ' · undated',
    row.publisher ? ' · ' + row.publisher : '',
    url ? [' · ', h('a.ext', { href: url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null);
}

// quote is an evidence sentence with the actors of edge (or the one actor
// opts.actor) highlighted once their names are known, and its source.
export function quote(row, edge, opts) {
  const text = String(row.sentence || '').replace(/^\s*[-–•*]\s+/, ''); // a list's bullet is not part of it
  const bq = h('blockquote', null, text);
  if (opts && opts.actor) {
    actorNames(opts.actor.id, opts.actor.name).then(names => {
      bq.replaceChildren(...highlightNames(text, [{ names, cls: 'hl-source' }]));
    });
  } else if (edge && edge.source && edge.target) {
    Promise.all([actorNames(edge.source, edge.source_name), actorNames(edge.target, edge.target_name)]).then(([sn, tn]) => {
      bq.replaceChildren(...highlightNames(text, [{ names: sn, cls: 'hl-source' }, { names: tn, cls: 'hl-target' }]));
    });
  }
  return h('div.an-quote', null, bq, source(row, opts));
}

// dateInput is a date picker that keeps YYYY-MM-DD.
export function dateInput(id, name, value) {
  return h('input', { id, name, type: 'date', value: /^\d{4}-\d{2}-\d{2}$/.test(value || '') ? value : '' });
}
