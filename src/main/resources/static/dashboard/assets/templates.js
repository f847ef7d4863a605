// The studio's message template editor: a textarea per part, a live preview rendered by the server's
// message renderer (debounced as you type), drafts, publishing, a test send to yourself and the
// history, all through /api/studio/templates. Tests drive it through window.journeysTemplates.
(function () {
  'use strict';
  const root = document.getElementById('template-studio');
  const template = root.dataset.template;
  const locale = root.dataset.locale;
  const shared = root.dataset.shared === 'true';
  const base = root.dataset.api.replace(/\/$/, '') + '/' + encodeURIComponent(template) + '/' + encodeURIComponent(locale);
  const csrfHeader = document.querySelector('meta[name=_csrf_header]').content;
  const csrfToken = document.querySelector('meta[name=_csrf]').content;
  const $ = id => document.getElementById(id);
  const areas = Array.from(root.querySelectorAll('textarea[data-part]'));
  const saved = {};
  areas.forEach(a => { saved[a.dataset.part] = a.value; });
  // the published version of each part the page was opened at: publishing over a newer one is refused (409)
  const opened = {};
  areas.forEach(a => { opened[a.dataset.part] = Number(a.dataset.version || 0); });
  const state = { previews: 0, last: null, sent: null, published: null };
  let timer;
  let sequence = 0;

  function status(text, problem) {
    const p = $('status');
    p.textContent = text;
    p.className = problem ? 'problem' : 'notice';
  }

  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers[csrfHeader] = csrfToken;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(base + path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    if ((response.headers.get('Content-Type') || '').includes('json') && text) {
      json = JSON.parse(text);
    }
    return { status: response.status, ok: response.ok, json, text };
  }

  function label(part, text) {
    const box = Array.from(root.querySelectorAll('.template-part')).find(b => b.dataset.part === part);
    if (box) {
      box.querySelector('.state').textContent = text;
    }
  }

  function parts(changedOnly) {
    const out = {};
    areas.forEach(a => {
      if (!changedOnly || a.value !== saved[a.dataset.part]) {
        out[a.dataset.part] = a.value;
      }
    });
    return out;
  }

  function data() {
    return { parts: parts(false), orderId: $('order-id').value.trim() || null,
      variant: Number($('variant').value), purpose: $('purpose').value };
  }

  function figures(part) {
    const f = part.figures || {};
    if (part.part === '.sms.txt') {
      return f.segments + ' segment(s) of ' + f.maxSegments + ' allowed · ' + f.encoding + ' · ' + f.characters + ' characters';
    }
    if (part.part === '.push.txt') {
      return 'title ' + f.titleLength + '/' + f.maxTitle + ' · body ' + f.bodyLength + '/' + f.maxBody + ' characters';
    }
    return '';
  }

  function show(preview) {
    const problems = $('problems');
    problems.innerHTML = '';
    preview.problems.forEach(p => {
      const li = document.createElement('li');
      li.className = 'problem';
      li.dataset.part = p.part;
      if (p.variable) {
        li.dataset.variable = p.variable;
      }
      li.textContent = p.part + ': ' + (p.variable ? 'unknown variable "' + p.variable + '". ' : '') + p.message;
      problems.appendChild(li);
    });
    const byPart = {};
    preview.parts.forEach(p => { byPart[p.part] = p; });
    $('preview-subject').textContent = byPart['.subject.txt'] ? byPart['.subject.txt'].text : '';
    if (byPart['.html']) {
      $('preview-html').srcdoc = byPart['.html'].text;
    }
    const texts = $('preview-texts');
    texts.innerHTML = '';
    preview.parts.filter(p => p.part !== '.html' && p.part !== '.subject.txt').forEach(p => {
      const box = document.createElement('div');
      box.className = 'preview-text';
      box.dataset.part = p.part;
      const head = document.createElement('p');
      head.innerHTML = '<strong></strong> <span class="muted figures"></span>';
      head.querySelector('strong').textContent = p.part;
      head.querySelector('.figures').textContent = figures(p);
      const pre = document.createElement('pre');
      pre.textContent = p.text;
      box.appendChild(head);
      box.appendChild(pre);
      texts.appendChild(box);
    });
    $('preview-data').textContent = 'Rendered with ' + preview.data + '. Variables: ' + preview.variables.join(', ');
  }

  async function preview() {
    if (shared) {
      return null;
    }
    const mine = ++sequence;
    const response = await call('POST', '/preview', data());
    if (mine !== sequence) {
      return state.last; // a newer preview is under way
    }
    if (!response.ok) {
      status((response.json && response.json.error) || ('Preview failed: HTTP ' + response.status), true);
      return null;
    }
    state.previews++;
    state.last = response.json;
    show(response.json);
    return response.json;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(preview, 250);
  }

  async function history() {
    const response = await call('GET', '/history');
    if (!response.ok) {
      return;
    }
    const body = $('history').querySelector('tbody');
    body.innerHTML = '';
    response.json.audit.forEach(e => {
      const tr = document.createElement('tr');
      tr.dataset.action = e.action;
      [e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), e.actor, e.action, e.version == null ? '' : 'v' + e.version,
        e.detail].forEach(v => {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  async function saveDraft() {
    const changed = parts(true);
    if (Object.keys(changed).length === 0) {
      status('Nothing changed since the last save.');
      return false;
    }
    const response = await call('PUT', '/draft', { parts: changed });
    if (!response.ok) {
      status(response.json ? response.json.error : 'Saving failed: HTTP ' + response.status, true);
      return false;
    }
    Object.assign(saved, changed);
    Object.keys(changed).forEach(part => label(part, 'draft, unpublished'));
    status('Draft saved (' + Object.keys(changed).join(', ') + ').');
    await history();
    return true;
  }

  async function publish() {
    if (!window.confirm('Publish ' + template + '/' + locale + '? The next message sent uses it.')) {
      return;
    }
    const changed = parts(true);
    const response = await call('POST', '/publish', { parts: changed, openedVersions: opened });
    if (response.status === 409) {
      state.conflict = response.json;
      status(response.json.error, true);
      if (response.json.draftKept) {
        Object.assign(saved, changed);
        Object.keys(changed).forEach(part => label(part, 'draft, unpublished'));
      }
      await history();
      return;
    }
    if (!response.ok) {
      status(response.json ? response.json.error : 'Publishing failed: HTTP ' + response.status, true);
      return;
    }
    Object.assign(saved, changed);
    response.json.published.forEach(v => { opened[v.part] = v.version; });
    state.published = response.json.published;
    response.json.published.forEach(v => label(v.part, 'published v' + v.version + ' by ' + v.by));
    status('Published ' + response.json.published.map(v => v.part + ' v' + v.version).join(', ')
      + ': the next message sent uses it.');
    await history();
  }

  async function discard() {
    const response = await call('DELETE', '/draft');
    if (response.status === 404) {
      status('There is no draft.');
      return;
    }
    status('Draft discarded: reloading the current version.');
    window.location.reload();
  }

  // channel: undefined or 'email' (the email to your address), 'sms' (the SMS text to your mobile number)
  async function testSend(channel) {
    const sms = channel === 'sms';
    status('Sending a test…');
    const response = await call('POST', '/test-send' + (sms ? '?channel=sms' : ''), data());
    if (!response.ok) {
      status(response.json ? response.json.error : 'The test failed: HTTP ' + response.status, true);
      return null;
    }
    state.sent = response.json;
    status('Test sent to ' + response.json.sentTo + ': "' + (sms ? response.json.text : response.json.subject) + '"');
    await history();
    return response.json;
  }

  areas.forEach(a => a.addEventListener('input', schedule));
  ['variant', 'purpose'].forEach(id => $(id) && $(id).addEventListener('change', schedule));
  if ($('order-id')) {
    $('order-id').addEventListener('change', schedule);
  }
  $('save-draft').addEventListener('click', saveDraft);
  $('publish').addEventListener('click', publish);
  $('discard-draft').addEventListener('click', discard);
  if ($('test-send')) {
    $('test-send').addEventListener('click', () => testSend('email'));
  }
  if ($('test-send-sms')) {
    $('test-send-sms').addEventListener('click', () => testSend('sms'));
  }

  window.journeysTemplates = { state, preview, testSend, saveDraft, history, ready: Promise.all([preview(), history()]) };
})();
