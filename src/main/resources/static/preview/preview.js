// The preview page's only script. Everything shown comes from Target or the caller, so it
// is written as text (textContent), never as markup; the email goes into a sandboxed
// iframe without scripts. The API key is read from its field for each request and sent as
// the header; it is never stored.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  let apiKeyHeader = 'X-Api-Key';

  const short = (ecid) => ecid.slice(0, 6) + '\u2026' + ecid.slice(-4);

  const list = (value) => value.split(',').map((id) => id.trim()).filter((id) => id !== '');

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = (text === undefined || text === null) ? '' : String(text);
    if (className) {
      td.className = className;
    }
    row.append(td);
    return td;
  }

  function fill(tableId, rows) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    for (const values of rows) {
      const row = body.insertRow();
      values.forEach((value) => cell(row, value));
    }
  }

  function requestBody() {
    const body = {};
    const ecid = $('ecid').value.trim();
    const identity = $('identity').value.trim();
    if (ecid) {
      body.ecid = ecid;
    }
    if (identity) {
      body.identities = [{ namespace: $('namespace').value, id: identity }];
    }
    const cart = list($('cartItemIds').value);
    if (cart.length) {
      body.cartItemIds = cart;
    }
    const lines = $('cartItems').value.trim();
    if (lines) {
      body.cartItems = JSON.parse(lines);
    }
    const excluded = list($('excludedIds').value);
    if (excluded.length) {
      body.excludedIds = excluded;
    }
    if ($('maxItems').value) {
      body.maxItems = Number($('maxItems').value);
    }
    return body;
  }

  function showProblem(text) {
    $('problem').textContent = text;
    $('problem').hidden = false;
  }

  function showSummary(payload, explain) {
    const summary = $('summary');
    summary.replaceChildren();
    const visit = explain.visits[0] || {};
    const target = visit.target || {};
    const entries = [
      ['API answer', explain.status === 200 ? '200' : explain.status + ' (no email is sent)'],
      ['source', payload.source],
      ['reason', payload.reason || '-'],
      ['items', payload.itemCount],
      ['ECIDs', explain.identities.ecids.join(', ') || 'none found'],
      ['activity', [target.activityId, target.activityName, target.experienceName].filter(Boolean).join(' / ') || '-'],
      ['fallback', explain.fallback ? explain.fallback.taken + ' (' + explain.fallback.why + ')' : 'not needed'],
    ];
    for (const [term, description] of entries) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = String(description);
      summary.append(dt, dd);
    }
  }

  function showEntities(explain) {
    const body = $('entities').tBodies[0];
    body.replaceChildren();
    const rows = [];
    explain.visits.forEach((visit) => visit.entities.forEach((entity) => rows.push([short(visit.ecid), entity])));
    explain.fallbackEntities.forEach((entity) => rows.push(['fallback', entity]));
    for (const [from, entity] of rows) {
      const row = body.insertRow();
      row.className = entity.fate === 'kept' ? 'kept' : 'dropped';
      cell(row, from);
      cell(row, entity.position);
      cell(row, entity.id);
      cell(row, entity.name);
      cell(row, entity.fate, 'fate');
      cell(row, entity.rank || '');
    }
  }

  function show(answer) {
    const explain = answer.explain;
    $('email').srcdoc = answer.html || '<p style="font-family:sans-serif">This use case has no email template.</p>';
    showSummary(answer.payload, explain);
    showEntities(explain);
    const attempts = [];
    const caches = [];
    explain.visits.forEach((visit) => {
      visit.target.attempts.forEach((attempt) => attempts.push([short(visit.ecid),
        attempt.method + ' ' + attempt.url, attempt.status || visit.target.outcome, attempt.millis]));
      visit.caches.forEach((cache) => caches.push([short(visit.ecid), cache.cache, cache.result]));
    });
    fill('attempts', attempts);
    $('attempts').querySelectorAll('tbody td:nth-child(2)').forEach((td) => { td.className = 'url'; });
    fill('caches', caches);
    const fields = (map) => Object.keys(map).join(', ') || '-';
    fill('cart', explain.cart.map((line) => [line.id, line.quantity, fields(line.sent), fields(line.fromCatalog)]));
    const timings = Object.entries(explain.timings);
    explain.visits.forEach((visit) => Object.entries(visit.timings)
      .forEach(([step, ms]) => timings.push([step + ' (' + short(visit.ecid) + ')', ms])));
    fill('timings', timings);
    $('json').textContent = JSON.stringify(answer, null, 2);
    $('result').hidden = false;
  }

  async function problemOf(response) {
    try {
      const problem = await response.json();
      const errors = (problem.errors || []).map((error) => error.field + ' ' + error.message);
      return [problem.title, problem.detail].filter(Boolean).join(': ') + (errors.length ? ' (' + errors.join('; ') + ')' : '');
    }
    catch (ignored) {
      return 'HTTP ' + response.status;
    }
  }

  async function submit(event) {
    event.preventDefault();
    $('problem').hidden = true;
    $('submit').disabled = true;
    let body;
    try {
      body = JSON.stringify(requestBody());
    }
    catch (failure) {
      $('submit').disabled = false;
      showProblem('The cart lines are not valid JSON: ' + failure.message);
      return;
    }
    try {
      const useCase = $('useCase').value;
      const response = await fetch('/v1/recommendations/' + encodeURIComponent(useCase) + '/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [apiKeyHeader]: $('apiKey').value },
        body,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!response.ok) {
        $('result').hidden = true;
        showProblem(await problemOf(response));
        return;
      }
      show(await response.json());
    }
    catch (failure) {
      showProblem('The bridge could not be reached: ' + failure.message);
    }
    finally {
      $('submit').disabled = false;
    }
  }

  function offer(visitor) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = visitor.label;
    button.addEventListener('click', () => {
      $('useCase').value = visitor.useCase;
      $('ecid').value = visitor.ecid || '';
      $('namespace').value = visitor.identity ? visitor.identity.namespace : 'Email';
      $('identity').value = visitor.identity ? visitor.identity.id : '';
      $('cartItemIds').value = '';
      $('cartItems').value = visitor.cartItems.length ? JSON.stringify(visitor.cartItems) : '';
    });
    item.append(button);
    $('visitorList').append(item);
  }

  async function start() {
    $('form').addEventListener('submit', submit);
    const config = await (await fetch('/preview/config')).json();
    apiKeyHeader = config.apiKeyHeader;
    for (const name of config.useCases) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      $('useCase').append(option);
    }
    const visitors = await fetch('/sandbox/visitors');
    if (visitors.ok) {
      (await visitors.json()).forEach(offer);
      $('visitors').hidden = false;
    }
  }

  start().catch((failure) => showProblem('The page could not start: ' + failure.message));
})();
