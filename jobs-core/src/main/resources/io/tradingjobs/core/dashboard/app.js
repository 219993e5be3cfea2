// trading-jobs dashboard: plain JavaScript, no build step. Reads the management API of the
// server it came from and refreshes every few seconds while the page is visible.
(function () {
  'use strict';

  var REFRESH_MS = 3000;
  var state = { view: 'all', job: null, timer: null, busy: false, token: sessionStorage.getItem('tradingjobs.token'),
    openErrors: {}, runsShown: null };
  var $ = function (id) { return document.getElementById(id); };

  // ---- small helpers ----------------------------------------------------------------------

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { el.textContent = v; } else if (k === 'cls') { el.className = v; } else { el.setAttribute(k, v === true ? '' : v); }
      });
    }
    for (var i = 2; i < arguments.length; i++) { append(el, arguments[i]); }
    return el;
  }
  function append(el, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  function cell(label, cls) {
    var td = h('td', { 'data-label': label, cls: cls || null });
    var inner = h('div', { cls: 'cell' });
    for (var i = 2; i < arguments.length; i++) { append(inner, arguments[i]); }
    td.appendChild(inner);
    return td;
  }

  function duration(ms) {
    if (ms === null || ms === undefined) { return '–'; }
    if (ms < 1000) { return ms + ' ms'; }
    var s = ms / 1000;
    if (s < 60) { return (s < 10 ? s.toFixed(1) : Math.round(s)) + ' s'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + ' min ' + Math.round(s - m * 60) + ' s'; }
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }
  function relative(iso) {
    if (!iso) { return '–'; }
    var diff = (new Date(iso).getTime() - Date.now()) / 1000;
    var a = Math.abs(diff), text;
    if (a < 45) { text = Math.round(a) + ' s'; }
    else if (a < 90 * 60) { text = Math.round(a / 60) + ' min'; }
    else if (a < 36 * 3600) { text = Math.round(a / 3600) + ' h'; }
    else { text = Math.round(a / 86400) + ' d'; }
    return diff >= 0 ? 'in ' + text : text + ' ago';
  }
  function absolute(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
  function clock(iso) {
    if (!iso) { return '–'; }
    var d = new Date(iso), today = new Date();
    var t = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return d.toDateString() === today.toDateString() ? t : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) + ' ' + t;
  }
  function when(iso) { return h('span', { cls: 'when', title: absolute(iso), text: relative(iso) }); }
  function badge(status) { return status ? h('span', { cls: 'badge ' + status, 'data-status': status, text: status }) : '–'; }

  // ---- API --------------------------------------------------------------------------------

  function api(method, path) {
    var headers = { 'Accept': 'application/json' };
    if (state.token) { headers['Authorization'] = 'Bearer ' + state.token; }
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = { message: text }; }
        if (res.status === 401) { askForToken(body && body.message); }
        if (!res.ok) {
          var err = new Error((body && body.message) || ('HTTP ' + res.status));
          err.status = res.status;
          throw err;
        }
        return body;
      });
    });
  }

  function askForToken(message) {
    $('auth').hidden = false;
    $('auth-msg').textContent = (message || 'This action needs the management token.') + ' ';
    $('token').focus();
  }

  var toastTimer = null;
  function toast(text, isError) {
    var t = $('toast');
    t.textContent = text;
    t.className = 'toast' + (isError ? ' error' : '');
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.hidden = true; }, isError ? 6000 : 3000);
  }

  // ---- rendering --------------------------------------------------------------------------

  function renderJobs(data) {
    var jobs = data.jobs || [];
    $('node').textContent = data.node ? 'node ' + data.node : '';
    var body = $('jobs').querySelector('tbody');
    var rows = jobs.map(jobRow);
    body.replaceChildren.apply(body, rows);
    $('no-jobs').hidden = jobs.length > 0;
    $('jobs').hidden = jobs.length === 0;

    var count = { running: 0, paused: 0, failing: 0 };
    jobs.forEach(function (j) {
      if (j.status === 'running') { count.running++; }
      if (j.status === 'paused') { count.paused++; }
      if (j.last_status === 'failed') { count.failing++; }
    });
    var summary = $('summary');
    summary.replaceChildren(
      h('span', { cls: 'pill' }, h('b', { text: String(jobs.length) }), 'jobs'),
      h('span', { cls: 'pill' }, h('b', { text: String(count.running) }), 'running'),
      h('span', { cls: 'pill' }, h('b', { text: String(count.paused) }), 'paused'),
      h('span', { cls: 'pill' }, h('b', { text: String(count.failing) }), 'last run failed'));
  }

  function jobRow(j) {
    var status = [badge(j.status)];
    if (j.progress) {
      var p = j.progress, bar = h('div', { cls: 'progress' + (p.percent === null ? ' indeterminate' : '') }, h('span'));
      if (p.percent !== null) { bar.firstChild.style.width = p.percent + '%'; }
      status.push(bar);
      status.push(h('span', { cls: 'progress-text', text: p.total ? p.done + ' / ' + p.total + ' (' + p.percent + '%)' : 'started ' + relative(p.started_at) }));
    }
    var last = j.last_run ? [when(j.last_run), ' ', badge(j.last_status), h('span', { cls: 'sub', text: duration(j.execution_time_ms) })] : '–';
    var actions = h('div', { cls: 'actions' });
    if (j.status !== 'disabled') {
      actions.appendChild(h('button', { type: 'button', cls: 'btn primary', 'data-action': 'run', 'data-job': j.id, text: 'Run now' }));
      actions.appendChild(j.status === 'paused'
        ? h('button', { type: 'button', cls: 'btn', 'data-action': 'resume', 'data-job': j.id, text: 'Resume' })
        : h('button', { type: 'button', cls: 'btn', 'data-action': 'pause', 'data-job': j.id, text: 'Pause' }));
    }
    actions.appendChild(h('button', { type: 'button', cls: 'btn link', 'data-action': 'history', 'data-job': j.id, text: 'History' }));
    return h('tr', { 'data-job-id': j.id, 'data-status': j.status },
      cell('Job', 'first', h('span', { cls: 'job-name', title: j.description || null, text: j.name }), h('span', { cls: 'sub job-id', text: j.id })),
      cell('Status', null, status),
      cell('Schedule', null, h('span', { cls: 'code', text: j.schedule })),
      cell('Next run', null, j.next_run ? [when(j.next_run), h('span', { cls: 'sub', text: clock(j.next_run) })] : '–'),
      cell('Last run', null, last),
      cell('Runs', 'num', h('span', { cls: 'counts', title: 'succeeded / failed' },
        h('span', { cls: 'ok', text: '✓ ' + j.success_count }), '  ', h('span', { cls: 'bad', text: '✗ ' + j.failure_count }))),
      cell('Actions', null, actions));
  }

  function renderRuns(data) {
    var runs = (data && data.runs) || [];
    // Unchanged history is left alone, so an opened stack trace stays open while the page refreshes.
    var shown = state.view + '|' + state.job + '|' + JSON.stringify(runs);
    if (shown === state.runsShown) { return; }
    state.runsShown = shown;
    var body = $('runs').querySelector('tbody');
    body.replaceChildren.apply(body, runs.map(runRow));
    $('no-runs').hidden = runs.length > 0;
    $('no-runs').textContent = state.view === 'failed' ? 'No failed runs.' : 'No runs yet.';
    $('runs').hidden = runs.length === 0;
  }

  function runRow(r) {
    var text = [];
    if (r.message) { text.push(h('div', { text: r.message })); }
    if (r.status === 'running' && r.progress_total) { text.push(h('div', { cls: 'progress-text', text: r.progress_done + ' / ' + r.progress_total })); }
    if (r.error) {
      var details = h('details', { cls: 'error', open: !!state.openErrors[r.run_id] },
        h('summary', { cls: 'error-summary', text: r.error_summary || 'error' }),
        h('pre', { cls: 'stack', text: r.error }));
      details.addEventListener('toggle', function () {
        if (details.open) { state.openErrors[r.run_id] = true; } else { delete state.openErrors[r.run_id]; }
      });
      text.push(details);
    }
    return h('tr', { 'data-run-id': r.run_id, 'data-job': r.job_id, 'data-status': r.status },
      cell('Started', 'first', h('span', { cls: 'when', title: absolute(r.started_at), text: clock(r.started_at) })),
      cell('Job', null, h('span', { cls: 'job-id', text: r.job_id })),
      cell('Status', null, badge(r.status)),
      cell('Duration', 'num', r.status === 'running' ? 'running…' : duration(r.execution_time_ms)),
      cell('Node', null, h('span', { cls: 'job-id', text: r.node })),
      cell('Attempt', null, h('span', { text: '#' + r.attempt + ' · ' + r.trigger })),
      cell('Message', 'message', text.length ? text : '–'));
  }

  // The reports section shows only when the reports module answers /api/reports.
  function renderReports(data) {
    var reports = (data && data.reports) || [];
    $('reports-section').hidden = false;
    var body = $('reports').querySelector('tbody');
    body.replaceChildren.apply(body, reports.map(function (r) {
      var charts = (r.parts || []).map(function (p) {
        var name = p.replace(/^.*\/[^.]+\.|\.png$/g, '');
        return h('a', { href: p, cls: 'chip', text: name });
      });
      var period = r.period_start === r.period_end ? r.period_start : r.period_start + ' – ' + r.period_end;
      return h('tr', { 'data-report-id': r.id },
        cell('Report', 'first', h('a', { href: r.url, text: r.title }), h('span', { cls: 'sub job-id', text: r.kind })),
        cell('Period', null, period),
        cell('Generated', null, when(r.generated_at)),
        cell('Sections', null, h('span', { cls: 'sub', text: (r.sections || []).join(', ') || '–' })),
        cell('E-mailed', null, r.emailed_to && r.emailed_to.length ? r.emailed_to.length + ' recipient' + (r.emailed_to.length === 1 ? '' : 's') : '–'),
        cell('Charts', null, charts.length ? charts : '–'));
    }));
    $('no-reports').hidden = reports.length > 0;
    $('reports').hidden = reports.length === 0;
  }

  function refreshReports() {
    if (state.reports === false) { return Promise.resolve(); }
    return api('GET', 'api/reports?limit=20').then(renderReports).catch(function (e) {
      if (e.status === 404) { state.reports = false; $('reports-section').hidden = true; }
    });
  }

  function historyPath() {
    var limit = '?limit=50';
    if (state.job) { return 'api/jobs/' + encodeURIComponent(state.job) + '/history' + limit; }
    return state.view === 'failed' ? 'api/jobs/history/failed' + limit : 'api/jobs/history' + limit;
  }

  function refresh() {
    if (state.busy) { return Promise.resolve(); }
    state.busy = true;
    return Promise.all([api('GET', 'api/jobs'), api('GET', historyPath())]).then(function (results) {
      renderJobs(results[0]);
      var runs = results[1];
      if (state.job && state.view === 'failed') {
        runs = { runs: runs.runs.filter(function (r) { return r.status === 'failed' || r.status === 'retrying' || r.status === 'interrupted'; }) };
      }
      renderRuns(runs);
      refreshReports();
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    }).catch(function (e) {
      if (e.status !== 401) { $('updated').textContent = 'refresh failed: ' + e.message; }
    }).then(function () { state.busy = false; });
  }

  function schedule() {
    clearInterval(state.timer);
    state.timer = null;
    if ($('auto').checked && !document.hidden) { state.timer = setInterval(refresh, REFRESH_MS); }
  }

  // ---- actions ----------------------------------------------------------------------------

  function act(action, job, button) {
    if (action === 'history') {
      state.job = job;
      var chip = $('job-filter');
      chip.textContent = job + ' ✕';
      chip.hidden = false;
      refresh();
      $('runs').scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    button.disabled = true;
    api('POST', 'api/jobs/' + encodeURIComponent(job) + '/' + action).then(function (body) {
      toast(action === 'run' ? 'Started ' + job + ' (run ' + String(body.run_id).slice(0, 8) + ')' : job + ' ' + (action === 'pause' ? 'paused' : 'resumed'));
    }).catch(function (e) {
      if (e.status !== 401) { toast(e.message, true); }
    }).then(function () {
      button.disabled = false;
      return refresh();
    });
  }

  function setView(view) {
    state.view = view;
    document.querySelectorAll('.tab').forEach(function (t) {
      var on = t.getAttribute('data-view') === view;
      t.classList.toggle('active', on);
      t.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    refresh();
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('jobs').addEventListener('click', function (e) {
      var b = e.target.closest('button[data-action]');
      if (b) { act(b.getAttribute('data-action'), b.getAttribute('data-job'), b); }
    });
    document.querySelectorAll('.tab').forEach(function (t) {
      t.addEventListener('click', function () { setView(t.getAttribute('data-view')); });
    });
    $('job-filter').addEventListener('click', function () {
      state.job = null;
      $('job-filter').hidden = true;
      refresh();
    });
    $('auth').addEventListener('submit', function (e) {
      e.preventDefault();
      state.token = $('token').value.trim() || null;
      if (state.token) { sessionStorage.setItem('tradingjobs.token', state.token); } else { sessionStorage.removeItem('tradingjobs.token'); }
      $('auth').hidden = true;
      refresh();
    });
    $('auto').addEventListener('change', schedule);
    document.addEventListener('visibilitychange', function () { schedule(); if (!document.hidden) { refresh(); } });
    refresh();
    schedule();
  });
})();
