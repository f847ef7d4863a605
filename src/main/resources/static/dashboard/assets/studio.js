// The journey studio's editor: bpmn.io's Camunda 8 modeler (vendored, global BpmnModeler) over the
// studio's API. Lint findings are marked on the elements they concern; the changes list compares
// with the running version; publish deploys the next version. Tests drive it through
// window.journeysStudio.
(function () {
  'use strict';
  const root = document.getElementById('studio');
  const processId = root.dataset.processId;
  const api = root.dataset.api.replace(/\/$/, '');
  const journeyApi = api + '/journeys/' + encodeURIComponent(processId);
  const csrfHeader = document.querySelector('meta[name=_csrf_header]').content;
  const csrfToken = document.querySelector('meta[name=_csrf]').content;
  const $ = id => document.getElementById(id);

  let modeler;
  let versions = [];
  let showing = '';
  let openedVersion = null; // the deployed version the model in the editor was opened from
  let lintTimer;
  const state = { findings: [], changes: [], templateErrors: [], lintRuns: 0, published: null };

  function status(text, problem) {
    const p = $('status');
    p.textContent = text;
    p.className = problem ? 'problem' : 'notice';
  }

  async function call(method, path, body, contentType) {
    const headers = { Accept: 'application/json, application/xml;q=0.9, */*;q=0.8' };
    if (method !== 'GET') {
      headers[csrfHeader] = csrfToken;
    }
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/xml';
    }
    const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    const text = await response.text();
    let json = null;
    if ((response.headers.get('Content-Type') || '').includes('json') && text) {
      json = JSON.parse(text);
    }
    return { status: response.status, ok: response.ok, text, json };
  }

  async function xml() {
    return (await modeler.saveXML({ format: true })).xml;
  }

  // Lint: a marker and a badge on each element with a finding, and the list below the editor.
  function mark(findings) {
    const canvas = modeler.get('canvas');
    const overlays = modeler.get('overlays');
    const registry = modeler.get('elementRegistry');
    overlays.remove({ type: 'lint' });
    registry.getAll().forEach(e => {
      canvas.removeMarker(e.id, 'lint-error');
      canvas.removeMarker(e.id, 'lint-warning');
    });
    const list = $('findings');
    list.innerHTML = '';
    findings.forEach(f => {
      const element = registry.get(f.elementId);
      const kind = f.severity === 'ERROR' ? 'error' : 'warning';
      if (element) {
        canvas.addMarker(f.elementId, 'lint-' + kind);
        const badge = document.createElement('div');
        badge.className = 'lint-badge ' + kind;
        badge.textContent = kind === 'error' ? '!' : '?';
        badge.title = f.problem + ' Fix: ' + f.fix;
        badge.dataset.elementId = f.elementId;
        overlays.add(f.elementId, 'lint', { position: { top: -10, right: 10 }, html: badge });
      }
      const li = document.createElement('li');
      li.className = kind;
      li.dataset.elementId = f.elementId;
      li.innerHTML = '<strong></strong> <code></code> <span class="problem-text"></span> <span class="muted fix"></span>';
      li.querySelector('strong').textContent = f.severity;
      li.querySelector('code').textContent = f.elementId;
      li.querySelector('.problem-text').textContent = f.problem;
      li.querySelector('.fix').textContent = 'Fix: ' + f.fix;
      if (element) {
        li.addEventListener('click', () => {
          modeler.get('selection').select(element);
          canvas.scrollToElement(element);
        });
      }
      list.appendChild(li);
    });
    if (!findings.length) {
      list.innerHTML = '<li class="muted">No findings.</li>';
    }
    const errors = findings.filter(f => f.severity === 'ERROR').length;
    $('lint-summary').textContent = '(' + errors + ' error(s), ' + (findings.length - errors) + ' warning(s))';
    state.findings = findings;
  }

  async function lint() {
    const result = await call('POST', journeyApi + '/lint', await xml());
    if (result.ok) {
      mark(result.json.findings);
    } else {
      status((result.json && result.json.error) || ('Lint failed: HTTP ' + result.status), true);
    }
    state.lintRuns++;
    return state.findings;
  }

  async function diff() {
    const result = await call('POST', journeyApi + '/diff', await xml());
    const list = $('changes');
    list.innerHTML = '';
    if (!result.ok) {
      list.innerHTML = '<li class="problem"></li>';
      list.firstChild.textContent = (result.json && result.json.error) || ('HTTP ' + result.status);
      return [];
    }
    state.changes = result.json;
    result.json.forEach(c => {
      const li = document.createElement('li');
      li.className = 'change ' + c.change;
      li.dataset.elementId = c.elementId;
      li.textContent = c.change + ': ' + (c.name || c.elementId) + ' (' + c.kind + ', ' + c.elementId + ')';
      list.appendChild(li);
    });
    if (!result.json.length) {
      list.innerHTML = '<li class="muted">Same as the running version.</li>';
    }
    return result.json;
  }

  async function check() {
    // independent requests: lint and the changes list are asked for at once
    const [findings] = await Promise.all([lint(), diff()]);
    return findings;
  }

  async function load(path, label, fromVersion) {
    const result = await call('GET', path);
    if (!result.ok) {
      status('Could not open ' + label + ': HTTP ' + result.status + ' ' + result.text, true);
      return false;
    }
    const imported = await modeler.importXML(result.text);
    if (imported.warnings && imported.warnings.length) {
      console.warn('import warnings', imported.warnings);
    }
    modeler.get('canvas').zoom('fit-viewport');
    showing = label;
    openedVersion = fromVersion == null ? null : Number(fromVersion);
    $('showing').textContent = label;
    await check();
    return true;
  }

  async function refresh() {
    const result = await call('GET', journeyApi);
    versions = result.json.versions;
    const select = $('versions');
    select.innerHTML = '';
    versions.forEach(v => {
      const option = document.createElement('option');
      option.value = v.version;
      option.textContent = 'v' + v.version;
      select.appendChild(option);
    });
    const body = $('audit').querySelector('tbody');
    body.innerHTML = '';
    result.json.audit.forEach(a => {
      const tr = document.createElement('tr');
      tr.dataset.action = a.action;
      [a.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''), a.actor, a.action, a.version == null ? '' : 'v' + a.version, a.detail]
        .forEach(text => {
          const td = document.createElement('td');
          td.textContent = text;
          tr.appendChild(td);
        });
      body.appendChild(tr);
    });
    return result.json;
  }

  async function publish(anyway) {
    const query = (openedVersion == null ? '' : '?openedVersion=' + openedVersion) + (anyway ? (openedVersion == null ? '?' : '&') + 'anyway=true' : '');
    const result = await call('POST', journeyApi + '/publish' + query, await xml());
    if (result.status === 409) {
      status(result.json.error, true);
      if (confirm(result.json.error + '\n\nPublish this model anyway, replacing that version\'s changes?')) {
        return publish(true);
      }
      if (result.json.draftKept) {
        showing = 'draft';
        $('showing').textContent = showing;
      }
      await refresh();
      return result.json;
    }
    if (result.status === 201) {
      state.published = result.json;
      status(result.json.unchanged ? 'Nothing changed: version ' + result.json.version + ' stays the latest.'
        : 'Published version ' + result.json.version + ': new orders start it.');
      await refresh();
      showing = 'v' + result.json.version;
      openedVersion = result.json.version;
      $('showing').textContent = showing;
      await check();
    } else if (result.status === 422) {
      mark(result.json.lint.findings);
      status(result.json.error + ': fix the marked elements first.', true);
    } else {
      status('Publishing failed: ' + ((result.json && result.json.error) || result.text || ('HTTP ' + result.status)), true);
    }
    return result.json;
  }

  async function saveDraft() {
    const result = await call('PUT', journeyApi + '/draft' + (openedVersion == null ? '' : '?openedVersion=' + openedVersion),
      await xml());
    if (result.ok) {
      status('Draft saved by ' + result.json.savedBy + '.');
      showing = 'draft';
      $('showing').textContent = showing;
      await refresh();
    } else {
      status('Saving failed: ' + ((result.json && result.json.error) || ('HTTP ' + result.status)), true);
    }
    return result.json;
  }

  async function discardDraft() {
    const result = await call('DELETE', journeyApi + '/draft');
    status(result.status === 204 ? 'Draft discarded.' : 'There is no draft.');
    await refresh();
    if (versions.length) {
      await load(journeyApi + '/xml', 'v' + versions[0].version, versions[0].version);
    }
  }

  async function rollBack(version) {
    const result = await call('POST', journeyApi + '/rollback?version=' + encodeURIComponent(version));
    if (result.status === 201) {
      status('Rolled back: version ' + version + ' is published again as version ' + result.json.version + '.');
      await refresh();
      await load(journeyApi + '/xml', 'v' + result.json.version, result.json.version);
    } else if (result.status === 422) {
      status(result.json.error, true);
      mark(result.json.lint.findings);
    } else {
      status('Rolling back failed: ' + ((result.json && result.json.error) || ('HTTP ' + result.status)), true);
    }
    return result.json;
  }

  // Simulate: the editor's model against a scenario, through POST /api/simulations (multipart).
  async function simulate() {
    const form = new FormData();
    form.append('scenario', new Blob([$('scenario').value], { type: 'application/yaml' }), 'scenario.yaml');
    form.append('journey', new Blob([await xml()], { type: 'application/xml' }), processId + '.bpmn');
    // the message templates' saved drafts render too: a marketer sees their wording before publishing it
    form.append('templates', 'drafts');
    $('simulate-status').textContent = 'Simulating…';
    const response = await fetch(root.dataset.simulations, {
      method: 'POST', body: form, credentials: 'same-origin',
      headers: { [csrfHeader]: csrfToken, Accept: 'application/json' }
    });
    const result = await response.json().catch(() => ({ error: 'HTTP ' + response.status }));
    const body = $('simulation').querySelector('tbody');
    body.innerHTML = '';
    if (!response.ok) {
      $('simulate-status').textContent = result.error || ('HTTP ' + response.status);
      return result;
    }
    $('simulate-status').textContent = result.simulatedDays + ' simulated days in ' + result.elapsedMillis + ' ms';
    result.entries.forEach(e => {
      const tr = document.createElement('tr');
      tr.className = String(e.what).toLowerCase();
      [e.local, e.offset, e.template || e.what, e.channel || '', e.status || '', e.subject || e.detail || '']
        .forEach(text => {
          const td = document.createElement('td');
          td.textContent = text == null ? '' : text;
          tr.appendChild(td);
        });
      body.appendChild(tr);
    });
    return result;
  }

  async function start() {
    // The element templates and the journey's versions are asked for at once; the modeler waits for the former.
    const journeyRequest = refresh();
    const templates = await call('GET', api + '/element-templates');
    modeler = new BpmnModeler({
      container: '#canvas',
      propertiesPanel: { parent: '#properties' },
      elementTemplates: templates.ok ? templates.json : []
    });
    modeler.on('elementTemplates.errors', event => {
      state.templateErrors = event.errors.map(e => String(e.message || e));
      console.error('element template errors', state.templateErrors);
    });
    modeler.on('commandStack.changed', () => {
      clearTimeout(lintTimer);
      // lint and the changes list follow the model as it is edited
      lintTimer = setTimeout(() => check(), 700);
    });
    const journey = await journeyRequest;
    if (journey.draft) {
      if (await load(journeyApi + '/draft', 'draft', journey.draft.baseVersion)) status('Opened the draft saved by ' + journey.draft.savedBy + ' at ' + journey.draft.savedAt
        + (journey.draft.baseVersion ? ' (from version ' + journey.draft.baseVersion + ')' : '') + '.');
    } else if (journey.versions.length) {
      if (await load(journeyApi + '/xml', 'v' + journey.versions[0].version, journey.versions[0].version)) status('Opened the running version ' + journey.versions[0].version + '.');
    } else {
      status('Journey ' + processId + ' is not deployed.', true);
    }
    $('save-draft').addEventListener('click', saveDraft);
    $('check').addEventListener('click', check);
    $('publish').addEventListener('click', () => {
      if (confirm('Publish ' + processId + ' as its next version? New orders will start it.')) {
        publish(false);
      }
    });
    $('discard-draft').addEventListener('click', discardDraft);
    $('simulate').addEventListener('click', simulate);
    $('scenario-example').addEventListener('change', e => {
      $('scenario').value = e.target.selectedOptions[0].dataset.scenario;
    });
    $('open-version').addEventListener('click', () => {
      const v = $('versions').value;
      load(journeyApi + '/xml?version=' + encodeURIComponent(v), 'v' + v, v);
    });
    $('rollback').addEventListener('click', () => {
      const v = $('versions').value;
      if (confirm('Publish version ' + v + ' again as the newest version of ' + processId + '?')) {
        rollBack(v);
      }
    });
  }

  const ready = start();
  // The moment the diagram is imported and editable, from navigation start (the studio benchmark reads it).
  ready.then(() => performance.mark('journeys-studio-ready'));
  window.journeysStudio = {
    ready, state, lint, check, diff, publish, saveDraft, rollBack, simulate,
    get modeler() { return modeler; },
    get showing() { return showing; }
  };
})();
