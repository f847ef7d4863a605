// Renders the sandbox's JSON (/api/sandbox/*) as the customer would see each message. Email HTML is
// shown in a sandboxed iframe (no scripts, no same-origin access), the other channels as phone bubbles.
(function () {
  'use strict';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  async function load(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 404) return null; // that channel has no sandbox (yet)
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
  }

  function fill(container, items, render, none) {
    container.replaceChildren();
    if (items === null) { container.append(el('p', 'muted', 'This channel has no sandbox.')); return; }
    if (items.length === 0) { container.append(el('p', 'muted', none)); return; }
    items.forEach(item => container.append(render(item)));
  }

  function email(message) {
    const card = el('article', 'card email');
    const head = el('div', 'card-head');
    head.append(el('strong', 'subject', message.subject), el('span', 'muted', ' to ' + message.to + ' · ' + message.sentAt));
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', '');
    frame.setAttribute('title', message.subject);
    frame.srcdoc = message.html || ('<pre>' + (message.text || '').replace(/[&<]/g, c => c === '&' ? '&amp;' : '&lt;') + '</pre>');
    card.append(head, frame);
    return card;
  }

  // What a phone shows of a message: an SMS or push body, or a WhatsApp content template filled in
  // with its variables ({{1}}, {{2}}, ...), as the approved template's placeholders number them.
  function bubbleText(message) {
    if (message.body || message.text) return message.body || message.text;
    if (message.contentVariables !== undefined) {
      let variables;
      try { variables = JSON.parse(message.contentVariables || '{}'); } catch (e) { return message.contentVariables; }
      return Object.keys(variables).map(n => '{{' + n + '}} ' + variables[n]).join('\n');
    }
    return JSON.stringify(message);
  }

  function bubble(message, kind) {
    const card = el('article', 'card ' + kind);
    card.append(el('div', 'muted', 'to ' + (message.to || message.recipient || message.device || '') + ' · ' + (message.sentAt || '')));
    if (message.title) card.append(el('strong', 'title', message.title));
    card.append(el('div', 'bubble', bubbleText(message)));
    if (message.contentSid) {
      card.append(el('div', 'muted', 'content template ' + message.contentSid + (message.locale ? ' (' + message.locale + ')' : '')));
    }
    if (message.segments) card.append(el('div', 'muted', message.segments + ' segment(s)'));
    return card;
  }

  async function show(container, path, render, none) {
    try {
      fill(container, await load(path), render, none);
    } catch (e) {
      container.replaceChildren(el('p', 'problem', e.message));
    }
  }

  // One section per channel's sandbox (the page lists them); email renders as a mail, the rest as bubbles.
  document.querySelectorAll('[data-sandbox]').forEach(container => {
    const name = container.dataset.sandbox;
    show(container, '/api/sandbox/' + encodeURIComponent(name) + '?limit=50',
      name === 'messages' ? email : m => bubble(m, name), 'Nothing caught yet.');
  });
})();
