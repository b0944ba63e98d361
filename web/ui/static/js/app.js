// The app shell: a client-side router over the pages, and the header's
// search box with actor suggestions.

import { h, clear, append, errorBox, typeBadge, plural } from './dom.js';
import { get, items, asOf, ApiError } from './api.js';
import { homePage, documentsPage, actorsPage } from './home.js';
import { searchPage } from './search.js';
import { actorPage } from './actor.js';
import { documentPage } from './document.js';
import { analyzePage } from './analyze.js';
import { timelinePage } from './timeline.js';
import { pathPage } from './path.js';
import { commitmentsPage } from './commitments.js';
import { changesPage } from './changes.js';
import { networkPage } from './network.js';
import { alertsPage } from './alerts.js';

const routes = [
  [/^\/$/, () => homePage],
  [/^\/documents\/?$/, () => documentsPage],
  [/^\/actors\/?$/, () => actorsPage],
  [/^\/search\/?$/, () => searchPage],
  [/^\/actor\/(\d+)\/?$/, () => actorPage],
  [/^\/document\/(\d+)\/?$/, () => documentPage],
  [/^\/analy[sz]e\/?$/, () => analyzePage],
  [/^\/timeline\/(\d+)\/?$/, () => timelinePage],
  [/^\/path\/?$/, () => pathPage],
  [/^\/commitments\/?$/, () => commitmentsPage],
  [/^\/changes\/?$/, () => changesPage],
  [/^\/network\/?$/, () => networkPage],
  [/^\/alerts\/?$/, () => alertsPage],
];

let current = null; // the page's cleanup function, if any

// navigate goes to an in-app URL without reloading.
export function navigate(href, replace) {
  href = keepAsOf(href);
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  render();
}

// keepAsOf carries the page's ?as_of= date over to an in-app link.
function keepAsOf(href) {
  const d = asOf();
  if (!d) return href;
  const u = new URL(href, location.href);
  if (u.pathname.startsWith('/api/') || u.searchParams.has('as_of')) return href;
  u.searchParams.set('as_of', d);
  return u.pathname + u.search + u.hash;
}

// asOfBanner says that the pages show an earlier state of knowledge.
function asOfBanner() {
  const d = asOf();
  if (!d) return null;
  const u = new URL(location.href);
  u.searchParams.delete('as_of');
  return h('p.notice.as-of', null, 'Showing only what reports published on or before ', h('strong', null, d), ' said. ',
    h('a', { href: u.pathname + u.search + u.hash, 'data-link': '', 'data-plain': '' }, 'Show everything'), '.');
}

async function render() {
  const main = document.getElementById('app');
  if (typeof current === 'function') {
    try { current(); } catch (e) { /* a page's cleanup must not stop the next */ }
  }
  current = null;
  clear(main);
  closeSuggest();
  document.querySelectorAll('.as-of').forEach(b => b.remove());
  const banner = asOfBanner();
  if (banner) document.body.insertBefore(banner, main);
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  // each page draws into its own view: a page still loading when another
  // is opened draws into a view no longer shown
  const view = main.appendChild(h('div.view'));
  for (const [re, page] of routes) {
    const m = re.exec(path);
    if (!m) continue;
    try {
      const cleanup = await page()(view, m.slice(1), params);
      if (view.isConnected) current = cleanup;
      else if (typeof cleanup === 'function') cleanup();
    } catch (e) {
      clear(view);
      view.appendChild(errorBox(e));
    }
    return;
  }
  document.title = 'Not found · actorgraph';
  append(view, [
    h('h1', null, 'Page not found'),
    h('p', null, 'There is no page at ', h('code', null, path), '. ', h('a', { href: '/', 'data-link': '' }, 'Go to the start page'), '.'),
  ]);
}

// Links marked data-link (and any same-origin link to an app route) are
// followed in place.
document.addEventListener('click', (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest && ev.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const u = new URL(a.getAttribute('href'), location.href); // (an SVG link's href is not a string)
  if (u.origin !== location.origin || u.pathname.startsWith('/api/')) return;
  if (!a.hasAttribute('data-link') && !routes.some(([re]) => re.test(u.pathname))) return;
  ev.preventDefault();
  if (u.pathname === location.pathname && u.search === location.search && u.hash) {
    location.hash = u.hash;
    return;
  }
  const to = u.pathname + u.search + u.hash;
  if (a.hasAttribute('data-plain')) {
    history.pushState(null, '', to);
    render();
  } else navigate(to);
  window.scrollTo(0, 0);
});

window.addEventListener('popstate', render);

// --- the search box -------------------------------------------------------

const form = document.getElementById('search');
const input = document.getElementById('q');
const list = document.getElementById('suggest');
let suggestions = [];
let active = -1;
let timer = 0;
let seq = 0;

function closeSuggest() {
  list.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  suggestions = [];
  active = -1;
}

function showSuggest(actors, q) {
  clear(list);
  suggestions = actors;
  active = -1;
  if (!actors.length) { closeSuggest(); return; }
  actors.forEach((a, i) => {
    const other = matchingAlias(a, q);
    list.appendChild(h('li', {
      role: 'option', id: 'sg-' + i, 'data-id': a.id,
      onmousedown: (ev) => { ev.preventDefault(); go(a); },
    }, h('span.sg-name', null, a.name), other ? h('span.sg-alias', null, 'also “' + other + '”') : null,
    typeBadge(a.type), h('span.sg-count', null, plural(a.evidence || 0, 'sentence'))));
  });
  list.appendChild(h('li.sg-all', {
    role: 'option', id: 'sg-' + actors.length,
    onmousedown: (ev) => { ev.preventDefault(); closeSuggest(); navigate('/search?q=' + encodeURIComponent(q)); },
  }, 'Search reports for “' + q + '”'));
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
}

// matchingAlias is the alias that matched q when it is not the name.
function matchingAlias(a, q) {
  const low = q.toLowerCase();
  if (a.name.toLowerCase().includes(low)) return '';
  const al = (a.aliases || []).find(x => x.name.toLowerCase().includes(low));
  return al ? al.name : '';
}

function go(a) {
  closeSuggest();
  input.value = '';
  input.blur();
  navigate('/actor/' + a.id);
}

function highlight(i) {
  const opts = list.querySelectorAll('li');
  opts.forEach((li, j) => li.classList.toggle('active', j === i));
  active = i;
  if (i >= 0) input.setAttribute('aria-activedescendant', 'sg-' + i);
  else input.removeAttribute('aria-activedescendant');
}

input.addEventListener('input', () => {
  clearTimeout(timer);
  const q = input.value.trim();
  if (q.length < 2) { closeSuggest(); return; }
  timer = setTimeout(async () => {
    const mine = ++seq;
    try {
      const r = await get('/actors', { q, limit: 8 });
      if (mine === seq && input.value.trim() === q) showSuggest(items(r), q);
    } catch (e) {
      closeSuggest();
    }
  }, 150);
});

input.addEventListener('keydown', (ev) => {
  if (list.hidden) return;
  const n = list.querySelectorAll('li').length;
  if (ev.key === 'ArrowDown') { ev.preventDefault(); highlight((active + 1) % n); }
  else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight((active - 1 + n) % n); }
  else if (ev.key === 'Escape') closeSuggest();
});

input.addEventListener('blur', () => setTimeout(closeSuggest, 100));

// Enter: a highlighted suggestion; else an exact alias goes to its actor;
// else the results page.
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = input.value.trim();
  if (!q) return;
  if (active >= 0 && active < suggestions.length) { go(suggestions[active]); return; }
  if (active === suggestions.length && suggestions.length) {
    closeSuggest();
    navigate('/search?q=' + encodeURIComponent(q));
    return;
  }
  clearTimeout(timer);
  seq++;
  closeSuggest();
  try {
    const a = await get('/resolve', { name: q });
    const actor = a.actor || a;
    if (actor && actor.id) { go(actor); return; }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
  input.blur();
  navigate('/search?q=' + encodeURIComponent(q));
});

render();
