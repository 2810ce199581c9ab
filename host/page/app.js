// The join page's script, served as a file (the Content-Security-Policy allows no inline
// script). Every text from the laptop is put on the page with textContent, never as HTML.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  let stage = '';
  let shown = '';

  async function post(path, body) {
    const r = await fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    let j = {};
    try { j = await r.json(); } catch (e) { j = { message: 'The laptop did not answer.' }; }
    return { ok: r.ok, body: j };
  }

  function say(text) { $('status').textContent = text || ''; }

  function paragraphs(el, text) {
    el.replaceChildren();
    for (const para of (text || '').split(/\n\s*\n/)) {
      if (!para.trim()) continue;
      const p = document.createElement('p');
      p.textContent = para.replace(/[*_#>`]/g, '').trim();
      el.appendChild(p);
    }
  }

  function render(s) {
    const v = s.view;
    $('join').hidden = true;
    $('stage').hidden = false;
    $('heading').textContent = v.scenario || 'The exercise';
    $('who').textContent = 'You are ' + (s.device.name || 'anonymous') + ' (' + s.device.id +
      '), ' + (s.device.team ? 'in ' + s.device.team : 'in the audience') + '.';
    const key = v.stage + (v.revealed ? ':r' : '');
    if (key !== shown) {
      shown = key;
      stage = v.stage;
      $('stage-title').textContent = v.finished ? 'The story has ended' : (v.title || 'This stage');
      $('notice').hidden = !v.notice;
      $('notice').textContent = v.notice || '';
      paragraphs($('stage-text'), v.text);
      const ev = $('evidence');
      ev.replaceChildren();
      for (const e of v.evidence) {
        const box = document.createElement('section');
        box.className = 'evidence';
        const h = document.createElement('h3');
        h.textContent = e.title + (e.kind ? ' (' + e.kind + ')' : '');
        box.appendChild(h);
        const body = document.createElement('div');
        paragraphs(body, e.text);
        box.appendChild(body);
        ev.appendChild(box);
      }
      const rv = $('revealed');
      rv.hidden = !v.revealed;
      rv.replaceChildren();
      if (v.revealed) {
        const p = document.createElement('p');
        p.textContent = 'The room decided: ' + v.revealed.choice;
        rv.appendChild(p);
        const f = document.createElement('div');
        paragraphs(f, v.revealed.feedback);
        rv.appendChild(f);
      }
      const box = $('choices');
      box.replaceChildren();
      v.choices.forEach((c) => {
        const label = document.createElement('label');
        label.className = 'choice';
        const input = document.createElement('input');
        input.type = 'radio'; input.name = 'choice'; input.value = c.id;
        const span = document.createElement('span');
        span.textContent = c.label + '. ' + (c.text || '');
        label.append(input, span);
        box.appendChild(label);
      });
      $('vote').hidden = v.choices.length === 0;
      $('reason').hidden = true;
      $('reason-text').value = ''; $('dissent-text').value = '';
    }
    if (s.vote) {
      for (const r of document.querySelectorAll('input[name=choice]')) r.checked = r.value === s.vote.choice;
      $('reason').hidden = false;
    }
  }

  // One look at the laptop's state; false when it could not be reached.
  async function refresh() {
    try {
      const r = await fetch('/state', { credentials: 'same-origin', cache: 'no-store' });
      const s = await r.json();
      if (s.teams) fillTeams(s.teams);
      if ($('status').textContent.startsWith('Lost the connection')) say('');
      if (s.joined) render(s);
      else if (s.refusal === 'device-removed') { say(s.message); $('stage').hidden = true; }
      return true;
    } catch (e) {
      say('Lost the connection to the laptop. Trying again…');
      return false;
    }
  }

  // One polling loop per page, whatever else asks for a refresh: a second loop would double
  // every device's requests against the laptop's rate limits.
  async function poll() {
    const ok = await refresh();
    setTimeout(poll, ok ? 1500 : 3000);
  }

  let teamsFilled = false;
  function fillTeams(teams) {
    if (teamsFilled) return;
    teamsFilled = true;
    const sel = $('team');
    for (const t of teams) {
      const o = document.createElement('option');
      o.value = t; o.textContent = t;
      sel.appendChild(o);
    }
    if (teams.length) sel.value = teams[0];
  }

  $('join').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await post('/join', { code: $('code').value, name: $('name').value, team: $('team').value });
    say(r.ok ? 'Joined.' : r.body.message);
    if (r.ok) { shown = ''; refresh(); }
  });
  $('vote').addEventListener('submit', async (e) => {
    e.preventDefault();
    const c = document.querySelector('input[name=choice]:checked');
    if (!c) { say('Pick a choice first.'); return; }
    const r = await post('/vote', { stage, choice: c.value });
    say(r.ok ? 'Your vote is in. You can change it until the facilitator records the decision.' : r.body.message);
    if (r.ok) $('reason').hidden = false;
  });
  $('reason').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await post('/reason', { stage, reason: $('reason-text').value, dissent: $('dissent-text').value });
    say(r.ok ? 'Thank you: your reason is with your vote.' : r.body.message);
  });
  poll();
})();
