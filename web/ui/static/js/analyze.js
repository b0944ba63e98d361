// The analyse page: paste a report or drop a file, see its actors and
// relations at once without storing anything, then add it to the store.

import { h, clear, append, link, errorBox, loading, plural, motion } from './dom.js';
import { post } from './api.js';
import { annotated } from './textview.js';

export async function analyzePage(main) {
  document.title = 'Analyse a report · actorgraph';
  let file = null;

  const title = h('input#an-title', { type: 'text', name: 'title', placeholder: 'Optional: the report’s title' });
  const published = h('input#an-published', { type: 'date', name: 'published' });
  const text = h('textarea#an-text', { name: 'text', rows: '12', placeholder: 'Paste the text of a report here…', spellcheck: 'false' });
  const fileInput = h('input#an-file', { type: 'file', name: 'file', accept: '.txt,.html,.htm,.pdf,.json,.jsonl,.xml,.rss,.atom,text/*,application/pdf' });
  const fileName = h('span.file-name');
  const clearFile = h('button.link', { type: 'button', hidden: true }, 'remove');
  const drop = h('div.drop', { id: 'drop' },
    h('p', null, 'Or drop a file here (text, HTML, PDF, JSON Lines, RSS/Atom) — ',
      h('label.file-pick', { for: 'an-file' }, 'choose a file'), '.'),
    fileInput, h('p', null, fileName, ' ', clearFile));
  const analyse = h('button.primary#an-go', { type: 'submit' }, 'Analyse');
  const form = h('form.analyze', { id: 'analyze-form' },
    h('div.row', null,
      h('label', { for: 'an-title' }, 'Title', title),
      h('label', { for: 'an-published' }, 'Published', published)),
    h('label.block', { for: 'an-text' }, 'Report text', text),
    drop,
    h('div.row.buttons', null, analyse));
  const out = h('div#analysis', { 'aria-live': 'polite' });
  append(main, [
    h('h1', null, 'Analyse a report'),
    h('p.muted', null, 'The report is read at once and nothing is stored until you press “Add to the store”.'),
    h('section.card', null, form),
    out,
  ]);

  function setFile(f) {
    file = f;
    fileName.textContent = f ? f.name + ' (' + Math.max(1, Math.round(f.size / 1024)) + ' KiB)' : '';
    clearFile.hidden = !f;
    text.disabled = !!f;
    drop.classList.toggle('has-file', !!f);
  }
  fileInput.addEventListener('change', () => setFile(fileInput.files[0] || null));
  clearFile.addEventListener('click', () => { fileInput.value = ''; setFile(null); });
  for (const evName of ['dragenter', 'dragover']) {
    drop.addEventListener(evName, (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const f = ev.dataTransfer && ev.dataTransfer.files[0];
    if (f) setFile(f);
  });

  // body builds the request: multipart with the file, or JSON.
  function body() {
    if (file) {
      const fd = new FormData();
      fd.append('file', file, file.name);
      if (title.value.trim()) fd.append('title', title.value.trim());
      if (published.value) fd.append('published', published.value);
      return fd;
    }
    const b = { text: text.value };
    if (title.value.trim()) b.title = title.value.trim();
    if (published.value) b.published = published.value;
    return b;
  }

  // failure shows an error; a server that wants a token asks for it and
  // retries once it is given.
  function failure(e, retry) {
    const box = errorBox(e);
    if (e && e.code === 'unauthorized') {
      const tok = h('input#an-token', { type: 'password', autocomplete: 'off', placeholder: 'the server’s token', 'aria-label': 'Token' });
      const use = h('button.primary', { type: 'submit' }, 'Use this token');
      const f = h('form.token', null, tok, use);
      f.addEventListener('submit', (ev) => {
        ev.preventDefault();
        if (!tok.value.trim()) return;
        sessionStorage.setItem('actorgraph-token', tok.value.trim());
        retry();
      });
      box.appendChild(f);
    }
    return box;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file && !text.value.trim()) {
      clear(out).appendChild(errorBox({ code: 'invalid', message: 'paste a report’s text or choose a file first.' }, 'Nothing to analyse:'));
      return;
    }
    const sent = body();
    analyse.disabled = true;
    clear(out).appendChild(loading('the analysis'));
    let r;
    try {
      r = await post('/analyze', sent);
    } catch (e) {
      clear(out).appendChild(failure(e, () => form.requestSubmit()));
      return;
    } finally {
      analyse.disabled = false;
    }
    showResult(r, sent);
  });

  function showResult(r, sent) {
    clear(out);
    const view = annotated(r.text || '', r);
    const add = h('button.primary#an-add', { type: 'button' }, 'Add to the store');
    const addState = h('span.add-state', { 'aria-live': 'polite' });
    const stateLine = h('p.muted', null, (r.published || 'undated') + ' · ' + view.summary + ' · not stored yet');
    add.addEventListener('click', async () => {
      add.disabled = true;
      clear(addState).appendChild(loading('storing'));
      try {
        const res = await post('/documents', sent);
        stateLine.textContent = (r.published || 'undated') + ' · ' + view.summary + ' · stored';
        add.textContent = 'Stored';
        clear(addState).append(
          res.new ? 'Stored as ' : 'This text was already stored as ',
          link('/document/' + res.id, 'report #' + res.id),
          res.new ? ' (' + plural(res.entities || 0, 'actor') + ', ' + plural(res.relations || 0, 'relation') + ').' : '.');
      } catch (e) {
        add.disabled = false;
        clear(addState).appendChild(failure(e, () => add.click()));
      }
    });
    append(out, [
      h('header.page-head', null, h('div', null,
        h('h2', null, r.title || 'Analysis'),
        stateLine),
      h('div.actions', null, add, addState)),
      h('div.doc-layout', null,
        h('article.card.doc-text', null, view.text),
        h('div.side', null, view.entities, view.relations)),
    ]);
    out.scrollIntoView({ behavior: motion(), block: 'start' });
  }
}
