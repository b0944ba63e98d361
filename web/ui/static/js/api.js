// The JSON API client. Failures become ApiError values with the API's
// code, message and, when given, candidate actors.

export class ApiError extends Error {
  constructor(code, message, status, candidates) {
    super(message);
    this.code = code;
    this.status = status;
    this.candidates = candidates || [];
  }
}

// asOf is the date every read is restricted to ("" for no restriction).
// The app keeps it in the page's ?as_of= query.
export function asOf() {
  const v = new URLSearchParams(location.search).get('as_of') || '';
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '';
}

function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const d = asOf();
  if (d && !q.has('as_of')) q.set('as_of', d);
  const qs = q.toString();
  return '/api' + path + (qs ? '?' + qs : '');
}

async function send(u, init) {
  let res;
  try {
    res = await fetch(u, init);
  } catch (e) {
    throw new ApiError('network', 'the server could not be reached (' + e.message + ')', 0);
  }
  let body = null;
  const ct = res.headers.get('Content-Type') || '';
  if (ct.includes('json')) {
    try { body = await res.json(); } catch (e) { body = null; }
  }
  if (!res.ok) {
    const e = body && body.error;
    if (e) throw new ApiError(e.code || 'internal', e.message || res.statusText, res.status, e.candidates);
    throw new ApiError(res.status === 404 ? 'not_found' : 'internal', 'HTTP ' + res.status + ' ' + res.statusText, res.status);
  }
  if (body === null) throw new ApiError('internal', 'the server sent no JSON', res.status);
  return body;
}

// get reads a JSON resource: get('/actors', {q: 'x'}).
export function get(path, params) {
  return send(url(path, params), { headers: { Accept: 'application/json' } });
}

// post sends JSON, or a FormData as multipart.
export function post(path, body) {
  const init = { method: 'POST', headers: { Accept: 'application/json' } };
  if (body instanceof FormData) init.body = body;
  else {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const token = sessionStorage.getItem('actorgraph-token');
  if (token) init.headers.Authorization = 'Bearer ' + token;
  return send('/api' + path, init);
}

// items returns a list response's items, accepting a bare array too.
export function items(r) {
  if (Array.isArray(r)) return r;
  return (r && Array.isArray(r.items)) ? r.items : [];
}
