// The operator console (README, "Console"): shows what the admin API tells and does what it offers, nothing else.
// Texts come from console/messages/<language>.json; numbers and dates are formatted for the chosen language.
'use strict';
(() => {
  const LANGUAGES = ['en', 'hi'];
  const LANGUAGE_KEY = 'tikmatrix-bridge.language';
  // the admin token, when the bridge has one: kept for this tab only, sent as the API asks for it
  const TOKEN_KEY = 'tikmatrix-bridge.token';
  const POLL_MS = 2000;
  const STATUS_LOOK = {pending: 'idle', running: 'warn', completed: 'good', failed: 'bad', submitted: 'good',
    dead_lettered: 'bad', duplicate: 'idle', in_flight: 'warn', none: 'idle'};

  const state = {language: 'en', messages: {}, view: 'now', shown: {}, openReceipts: new Map(), records: new Map()};

  const $ = (selector, root = document) => root.querySelector(selector);
  const t = (key, params = {}) => (state.messages[key] ?? key).replace(/\{(\w+)\}/g, (all, name) => params[name] ?? all);
  const number = n => new Intl.NumberFormat(state.language).format(n);
  // without a zone, a date is shown in the browser's own: the operator's clock
  const dateTime = (iso, timeZone) => iso ? new Intl.DateTimeFormat(state.language,
    {dateStyle: 'medium', timeStyle: 'medium', timeZone}).format(new Date(iso)) : '—';
  const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

  /** An element with attributes and children; text is always text, never HTML. */
  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else if (value !== false && value != null) element.setAttribute(name, value === true ? '' : value);
    }
    element.append(...children.flat().filter(child => child != null && child !== false).map(c => c instanceof Node ? c : String(c)));
    return element;
  }
  const status = word => el('span', {class: 'status ' + (STATUS_LOOK[word] || 'idle'), 'data-status': word}, t('status.' + word));

  class Refused extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function api(method, path) {
    const headers = {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    const request = {method, headers, cache: 'no-store'};
    if (method === 'POST') {
      headers['Content-Type'] = 'application/json';
      request.body = '{}';
    }
    const response = await fetch(path, request);
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      askForToken();
      throw new Refused(401, t('login.why'));
    }
    if (!response.ok) throw new Refused(response.status, body.error || String(response.status));
    return body;
  }

  function notice(text, isError = false) {
    const line = $('#notice');
    line.textContent = text;
    line.classList.toggle('error', isError);
  }

  /** Runs an action of the API, says how it went, and shows its effect at once. */
  async function act(method, path, done) {
    try {
      const answer = await api(method, path);
      notice(done(answer));
    } catch (e) {
      notice(t('error', {reason: e.message}), true);
    }
    state.shown = {};
    refresh();
  }

  function confirmed(text) {
    const dialog = $('#confirm');
    $('#confirm-text').textContent = text;
    dialog.showModal();
    return new Promise(resolve => {
      const answer = yes => () => { dialog.close(); resolve(yes); };
      $('#confirm-yes').onclick = answer(true);
      $('#confirm-no').onclick = answer(false);
      dialog.oncancel = answer(false);
    });
  }

  function askForToken() {
    if (!$('#login').open) $('#login').showModal();
  }

  // --- the views ------------------------------------------------------------------------------------------------

  function intakeWhy(intake) {
    if (intake.paused) return t('intake.why.paused');
    return t('intake.why.' + intake.licence);
  }

  function renderHeader(summary) {
    const intake = summary.intake;
    $('#intake').replaceChildren(t('intake'), ' ', el('span', {class: 'status', 'data-status': intake.open ? 'open' : 'held'},
      t(intake.open ? 'intake.open' : 'intake.held')), intake.open ? '' : ' — ' + intakeWhy(intake));
    $('#pause').hidden = intake.paused;
    $('#resume').hidden = !intake.paused;
  }

  function renderNow(summary) {
    const card = (title, ...rows) => el('dl', {class: 'card'}, el('dt', {}, title), ...rows);
    const figures = (title, ...rows) => el('dl', {class: 'card figures'}, el('dt', {}, title), ...rows);
    const figure = (label, value, name) => [el('dt', {}, label), el('dd', {'data-figure': name}, number(value))];
    const intake = summary.intake;
    return el('div', {class: 'cards'},
      card(t('intake'), el('dd', {'data-figure': 'intake'}, t(intake.open ? 'intake.open' : 'intake.held'),
        el('small', {}, intake.open ? t('intake.why.open') : intakeWhy(intake)),
        intake.open ? null : el('small', {lang: 'en'}, intake.reason))),
      card(t('now.calls'), el('dd', {'data-figure': 'calls'}, number(summary.calls_in_flight))),
      card(t('now.perMinute'), el('dd', {'data-figure': 'per-minute'}, number(summary.descriptors_last_minute))),
      figures(t('now.tasks'), ...Object.entries(summary.tasks).flatMap(([s, n]) => figure(t('status.' + s), n, 'tasks-' + s))),
      figures(t('now.descriptors'), ...Object.entries(summary.descriptors).flatMap(([s, n]) => figure(t('status.' + s), n, 'descriptors-' + s))),
      figures(t('now.events'), ...Object.entries(summary.events_waiting).flatMap(([endpoint, n]) => figure(endpoint, n, 'events'))));
  }

  const RECEIPT_LINES = 1000;

  /** Opens or closes a file's receipt; its first lines are fetched once (a receipt does not change once written). */
  async function toggleReceipt(name) {
    if (state.openReceipts.has(name)) {
      state.openReceipts.delete(name);
    } else {
      try {
        state.openReceipts.set(name, await api('GET', '/api/files/' + encodeURIComponent(name) + '?limit=' + RECEIPT_LINES));
      } catch (e) {
        notice(t('error', {reason: e.message}), true);
      }
    }
    state.shown = {};
    refresh();
  }

  function renderReceipt(receipt) {
    return el('div', {class: 'scroll'},
      receipt.lines > receipt.descriptors.length
        ? el('p', {class: 'muted'}, t('files.firstLines', {shown: number(receipt.descriptors.length), lines: number(receipt.lines)})) : null,
      el('table', {class: 'receipt'},
        el('thead', {}, el('tr', {}, ['receipt.position', 'receipt.outcome', 'receipt.tasks', 'receipt.code', 'receipt.reason']
          .map(key => el('th', {}, t(key))))),
        el('tbody', {}, receipt.descriptors.map(line => el('tr', {},
          el('td', {}, number(place(receipt.file, line.position).n)), el('td', {}, status(line.outcome.replace('-', '_'))),
          el('td', {}, (line.task_ids || []).join(', ')), el('td', {}, line.code || ''),
          el('td', {}, line.reason ? el('span', {lang: 'en'}, line.reason) : ''))))));
  }

  // the files being submitted come with their progress, the others with their receipt's head: counts, not lines
  function renderFiles(files) {
    if (!files.length) return el('p', {}, t('files.none'));
    return files.map(file => {
      const receipt = file.receipt;
      const progress = file.progress || receipt.summary;
      const done = file.progress ? progress.done : receipt.lines;
      const total = file.progress ? progress.total : receipt.lines;
      const opened = state.openReceipts.get(file.name);
      const byCode = Object.entries(receipt ? receipt.dead_lettered_by_code : {});
      return el('article', {class: 'item', 'data-file': file.name},
        el('div', {class: 'row'}, el('h3', {}, file.name), el('span', {class: 'status ' + (receipt ? 'good' : 'warn'),
          'data-status': receipt ? 'done' : 'submitting'}, t(receipt ? 'files.done' : 'files.submitting'))),
        el('div', {class: 'row'},
          el('progress', {max: total, value: done, 'aria-label': t('files.progress')}),
          el('span', {'data-figure': 'progress'}, t('files.of', {done: number(done), total: number(total)}))),
        el('div', {class: 'row muted'},
          t('files.counts', {submitted: number(progress.submitted), dead_lettered: number(progress.dead_lettered),
            duplicate: number(progress.duplicate)}),
          byCode.length ? ' (' + byCode.map(([code, n]) => code + ': ' + number(n)).join(', ') + ')' : '',
          ' · ' + t('files.received', {when: dateTime(receipt ? receipt.received_at : progress.received_at)})),
        receipt && el('div', {class: 'actions'}, el('button', {type: 'button', 'aria-expanded': String(!!opened),
          onclick: () => toggleReceipt(file.name)}, t(opened ? 'files.close' : 'files.open'))),
        opened && renderReceipt(opened));
    });
  }

  // where in its file a descriptor was, in the words of the bridge's reasons (README, "Descriptors"): a CSV row and a
  // JSON Lines line as an editor numbers them, an item of a JSON array counted from 1 (its position is the index)
  function place(file, position) {
    const kind = ((/\.(csv|jsonl|ndjson|json)$/i.exec(file || '') || [])[1] || '').toLowerCase();
    if (kind === 'json') return {word: 'item', n: position + 1};
    return {word: {csv: 'row', jsonl: 'line', ndjson: 'line'}[kind] || 'entry', n: position};
  }

  function source(source) {
    if (!source) return '';
    if (source.schedule) return t('source.schedule', {name: source.schedule, when: dateTime(source.fire_time)});
    const at = place(source.file, source.position);
    return t('source.' + at.word, {file: source.file, n: number(at.n)});
  }

  function masked(value) {
    return JSON.stringify(value, (key, v) => /api_key|token|secret|password/i.test(key) && typeof v === 'string' ? '***' : v, 2);
  }

  function renderDeadLetters(records) {
    if (!records.length) return el('p', {}, t('dead.none'));
    const byKey = new Map();
    records.forEach(record => byKey.set(record.key, [...(byKey.get(record.key) || []), record]));
    return [...byKey].map(([key, list]) => el('section', {class: 'item', 'data-key': key},
      el('div', {class: 'row'}, el('h3', {}, key + ' — ' + t('dead.key.' + key)), el('span', {}, t('dead.count', {n: number(list.length)}))),
      el('p', {'data-figure': 'todo'}, t('dead.todo.' + key)),
      el('div', {class: 'actions'},
        el('button', {type: 'button', 'data-action': 'replay-key', onclick: async () => {
          if (await confirmed(t('dead.replayAll.confirm', {n: number(list.length), key}))) {
            act('POST', '/api/deadletters/replay?key=' + encodeURIComponent(key),
              answer => t('dead.replayAll.done', {n: number(answer.replayed.length), left: number(answer.left.length)}));
          }
        }}, t('dead.replayAll')),
        el('button', {type: 'button', class: 'danger', 'data-action': 'discard-key', onclick: async () => {
          if (await confirmed(t('dead.discardAll.confirm', {n: number(list.length), key}))) {
            act('DELETE', '/api/deadletters?key=' + encodeURIComponent(key),
              answer => t('dead.discardAll.done', {n: number(answer.discarded.length)}));
          }
        }}, t('dead.discardAll'))),
      list.map(record => {
        const shown = state.records.get(record.id);
        return el('article', {class: 'item', 'data-id': record.id},
          el('div', {class: 'row'}, el('strong', {}, source(record.source)), el('span', {class: 'muted'}, dateTime(record.dead_lettered_at))),
          record.reason && el('p', {class: 'muted'}, t('dead.code', {code: record.code || key}), ' ', el('span', {lang: 'en'}, record.reason)),
          record.replayable ? null : el('p', {class: 'muted'}, t('dead.notReplayable')),
          el('div', {class: 'actions'},
            el('button', {type: 'button', 'data-action': 'replay', disabled: !record.replayable, onclick: () =>
              act('POST', '/api/deadletters/' + encodeURIComponent(record.id) + '/replay',
                answer => t('dead.replay.done', {file: answer.inbox_file}))}, t('dead.replay')),
            el('button', {type: 'button', class: 'danger', 'data-action': 'discard', onclick: async () => {
              if (await confirmed(t('dead.discard.confirm'))) {
                act('DELETE', '/api/deadletters/' + encodeURIComponent(record.id), () => t('dead.discard.done'));
              }
            }}, t('dead.discard')),
            el('button', {type: 'button', 'aria-expanded': String(!!shown), onclick: async () => {
              if (shown) state.records.delete(record.id);
              else state.records.set(record.id, await api('GET', '/api/deadletters/' + encodeURIComponent(record.id)).catch(e => ({error: e.message})));
              state.shown = {};
              refresh();
            }}, t(shown ? 'dead.hide' : 'dead.show'))),
          shown && el('pre', {class: 'descriptor', lang: 'en'}, masked(shown.descriptor ?? shown)));
      })));
  }

  function renderTasks(tasks) {
    if (!tasks.length) return el('p', {}, t('tasks.none'));
    return el('div', {class: 'scroll'}, el('table', {class: 'tasks'},
      el('thead', {}, el('tr', {}, ['tasks.id', 'tasks.status', 'tasks.who', 'tasks.script', 'tasks.source', 'tasks.changed']
        .map(key => el('th', {}, t(key))))),
      el('tbody', {}, tasks.map(task => el('tr', {'data-task': task.task_id},
        el('td', {}, String(task.task_id)), el('td', {}, status(task.status)),
        el('td', {}, task.serial ? t('tasks.device', {serial: task.serial}) : task.username ? t('tasks.account', {username: task.username}) : ''),
        el('td', {}, task.script_name), el('td', {}, source(task.source)),
        el('td', {'data-figure': 'changed'}, dateTime(task.updated_at)))))));
  }

  // Quartz cron (seconds first) in words, for the shapes schedules mostly have; the cron itself is shown beside it
  function cronInWords(cron) {
    const [second, minute, hour, day, month, weekday, year] = cron.trim().split(/\s+/);
    const any = f => f === '*' || f === '?';
    const fixed = f => /^\d+$/.test(f);
    const step = f => (/^(?:\*|0)\/(\d+)$/.exec(f) || [])[1];
    const clock = (h, m) => new Intl.DateTimeFormat(state.language, {hour: '2-digit', minute: '2-digit', timeZone: 'UTC'})
      .format(Date.UTC(2024, 0, 1, Number(h), Number(m)));
    let time;
    if (any(second) && any(minute) && any(hour)) time = t('cron.everySecond');
    else if (fixed(second) && any(minute) && any(hour)) time = t('cron.everyMinute');
    else if (fixed(second) && step(minute) && any(hour)) time = t('cron.everyMinutes', {n: number(step(minute))});
    else if (fixed(second) && fixed(minute) && any(hour)) time = t('cron.everyHour', {minute: number(minute)});
    else if (fixed(second) && fixed(minute) && /^\d+(,\d+)*$/.test(hour)) {
      time = t('cron.at', {time: hour.split(',').map(h => clock(h, minute)).join(', ')});
    }
    if (!time || month !== '*' || (year && year !== '*')) return null;
    const dayName = d => {
      const index = /^\d$/.test(d) ? Number(d) - 1 : ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'].indexOf(d.toUpperCase());
      return new Intl.DateTimeFormat(state.language, {weekday: 'long', timeZone: 'UTC'}).format(Date.UTC(2024, 0, 7 + index));
    };
    let days;
    if (any(day) && any(weekday)) days = t('cron.daily');
    else if (any(day) && /^[A-Za-z1-7]{1,3}([,-][A-Za-z1-7]{1,3})*$/.test(weekday)) {
      days = t('cron.onDays', {days: weekday.split(',').map(part => part.split('-').map(dayName).join('–')).join(', ')});
    } else if (fixed(day) && any(weekday)) days = t('cron.monthly', {day: number(day)});
    else return null;
    return t('cron.sentence', {time, days});
  }

  // the cron reads in the zone the schedule runs in; its fire times are shown on the operator's clock and in UTC
  function renderSchedules(schedules) {
    if (!schedules.length) return el('p', {}, t('schedules.none'));
    const zone = localZone();
    return schedules.map(schedule => {
      const last = schedule.last_firing;
      const name = encodeURIComponent(schedule.name);
      return el('article', {class: 'item', 'data-schedule': schedule.name},
        el('div', {class: 'row'}, el('h3', {}, schedule.name), el('span', {class: 'status ' + (schedule.enabled ? 'good' : 'idle'),
          'data-status': schedule.enabled ? 'on' : 'off'}, t(schedule.enabled ? 'schedules.on' : 'schedules.off')),
          schedule.switched ? el('span', {class: 'muted'}, t('schedules.switched')) : null),
        el('p', {}, cronInWords(schedule.cron) || t('cron.unknown'), ' ', el('code', {}, schedule.cron), ' · ',
          t('schedules.zone', {zone: schedule.timezone})),
        schedule.next_fire_times.length ? el('div', {class: 'scroll'}, el('table', {class: 'fire-times'},
          el('thead', {}, el('tr', {}, el('th', {}, t('schedules.next', {zone})), el('th', {}, t('schedules.nextUtc')))),
          el('tbody', {}, schedule.next_fire_times.map(time => el('tr', {},
            el('td', {}, dateTime(time)), el('td', {}, dateTime(time, 'UTC'))))))) : el('p', {class: 'muted'}, t('schedules.noNext')),
        last && el('p', {'data-figure': 'last-firing'}, t('schedules.last', {when: dateTime(last.fire_time)}), ' ',
          status(last.state), last.task_ids && last.task_ids.length ? ' ' + t('schedules.tasks', {ids: last.task_ids.join(', ')}) : '',
          last.dead_letter_key ? ' ' + last.dead_letter_key : ''),
        el('div', {class: 'actions'},
          el('button', {type: 'button', 'data-action': 'run', onclick: () => act('POST', '/api/schedules/' + name + '/run',
            answer => t('schedules.run.done', {name: schedule.name, file: answer.inbox_file}))}, t('schedules.run')),
          el('button', {type: 'button', 'data-action': schedule.enabled ? 'disable' : 'enable', onclick: () =>
            act('POST', '/api/schedules/' + name + (schedule.enabled ? '/disable' : '/enable'),
              answer => t(answer.enabled ? 'schedules.enabled' : 'schedules.disabled', {name: schedule.name}))},
          t(schedule.enabled ? 'schedules.disable' : 'schedules.enable'))));
    });
  }

  const VIEWS = {
    now: {path: () => '/api/summary', render: renderNow},
    files: {path: () => '/api/files?limit=50&lines=false', render: renderFiles},
    deadletters: {path: () => '/api/deadletters', render: renderDeadLetters},
    tasks: {path: () => '/api/tasks?limit=200' + ($('#task-filter').value ? '&status=' + $('#task-filter').value : ''), render: renderTasks},
    schedules: {path: () => '/api/schedules', render: renderSchedules},
  };

  /** Fetches the summary and the view shown; draws only what changed, so focus and scrolling stay where they are. */
  async function refresh() {
    if ($('#login').open) return; // no request without the token the API asked for
    const name = state.view;
    try {
      const summary = await api('GET', '/api/summary');
      renderHeader(summary);
      const view = VIEWS[name];
      const data = name === 'now' ? summary : await api('GET', view.path());
      if (state.view !== name) return; // the operator went to another view meanwhile
      const text = JSON.stringify(data);
      if (state.shown[name] !== text) {
        state.shown[name] = text;
        $('#view-' + name + ' .content').replaceChildren(...[view.render(data)].flat());
      }
      document.body.dataset.loaded = name;
      if (state.unreachable) notice('');
      state.unreachable = false;
    } catch (e) {
      if (e.status === 401) return;
      // a fetch that got no answer at all: the bridge is stopped, or the network is in the way
      notice(e instanceof Refused ? t('error', {reason: e.message}) : t('error.bridgeDown'), true);
      state.unreachable = true;
    }
  }

  function show(view) {
    select(view);
    refresh();
  }

  function select(view) {
    state.view = VIEWS[view] ? view : 'now';
    document.querySelectorAll('main section').forEach(section => { section.hidden = section.dataset.view !== state.view; });
    document.querySelectorAll('nav a').forEach(link => link.dataset.view === state.view
      ? link.setAttribute('aria-current', 'page') : link.removeAttribute('aria-current'));
    delete document.body.dataset.loaded;
  }

  async function useLanguage(language) {
    state.language = LANGUAGES.includes(language) ? language : 'en';
    const response = await fetch('console/messages/' + state.language + '.json', {cache: 'no-cache'});
    state.messages = await response.json();
    document.documentElement.lang = state.language;
    document.title = t('title');
    document.querySelectorAll('[data-text]').forEach(element => { element.textContent = t(element.dataset.text); });
    document.querySelectorAll('[data-label]').forEach(element => element.setAttribute('aria-label', t(element.dataset.label)));
    $('#language').value = state.language;
    state.shown = {};
    await refresh();
  }

  function start() {
    $('#language').addEventListener('change', event => {
      localStorage.setItem(LANGUAGE_KEY, event.target.value);
      useLanguage(event.target.value);
    });
    $('#pause').addEventListener('click', () => act('POST', '/api/intake/pause', () => t('intake.paused')));
    $('#resume').addEventListener('click', () => act('POST', '/api/intake/resume', () => t('intake.resumed')));
    $('#task-filter').addEventListener('change', refresh);
    $('#login-form').addEventListener('submit', event => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('#token').value);
      $('#token').value = '';
      $('#login').close();
      refresh();
    });
    window.addEventListener('hashchange', () => show(location.hash.slice(1)));
    const chosen = localStorage.getItem(LANGUAGE_KEY)
      || (navigator.languages || [navigator.language]).map(l => l.slice(0, 2).toLowerCase()).find(l => LANGUAGES.includes(l));
    select(location.hash.slice(1));
    useLanguage(chosen);
    const poll = () => refresh().finally(() => setTimeout(poll, POLL_MS));
    setTimeout(poll, POLL_MS);
  }

  start();
})();
