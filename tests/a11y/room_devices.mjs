// Councillors' devices in real headless Chromium (Debian's), as an evening uses them: `auditsim
// host` runs on 127.0.0.1 with five teams, thirty browser contexts (each its own cookies, as
// thirty phones) join across the teams, vote and give reasons over two stages, while this test
// types the facilitator's commands on the host's standard input; then the results database must
// hold the thirty devices' votes linked to each recorded group decision. The join page and the
// voting view pass axe-core's WCAG 2.2 AA rules at 320 CSS pixels with no sideways scrolling,
// and every touch target is at least 44 pixels each way. Exits 1 listing every problem; 2 when
// a tool it needs is not installed.
//
// Usage: node tests/a11y/room_devices.mjs AUDITSIM SCENARIO.yaml SCRATCH-FOLDER [SCREENSHOT.png]
// With SCREENSHOT, the phone view (390 x 844) of the voting stage is saved there (docs/).
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
function missing(what) {
  console.error(`${what} is not installed. Run scripts/install-deps.`);
  process.exit(2);
}
let puppeteer, axePath;
try {
  puppeteer = require('puppeteer-core');
  axePath = require.resolve('axe-core/axe.min.js');
} catch {
  missing('puppeteer-core or axe-core (in tests/a11y/node_modules)');
}
const chromium = process.env.AUDITSIM_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) missing(`Chromium (${chromium})`);
if (!existsSync('/usr/bin/sqlite3')) missing('sqlite3');

const [auditsim, scenario, scratch, screenshot] = process.argv.slice(2);
if (!auditsim || !scenario || !scratch) {
  console.error('usage: node room_devices.mjs AUDITSIM SCENARIO.yaml SCRATCH-FOLDER [SCREENSHOT.png]');
  process.exit(2);
}
const kTeams = 5, kDevices = 30, kRounds = 2;
const kTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const problems = [];
const started = Date.now();
const say = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const db = join(scratch, 'results.db');

// --- the host, driven over standard input as a facilitator would
const host = spawn(auditsim, ['--db', db, 'host', scenario, '--bind', '127.0.0.1', '--teams', String(kTeams)],
                   { stdio: ['pipe', 'pipe', 'pipe'] });
let hostErr = '';
host.stderr.on('data', (d) => { hostErr += d; });
const lines = [];
let waiting = null;
createInterface({ input: host.stdout }).on('line', (l) => {
  lines.push(l);
  if (waiting && waiting.test(l)) { const w = waiting; waiting = null; w.resolve(l); }
});
function nextLine(re, ms = 15000) {
  const seen = lines.find((l) => re.test(l));
  if (seen) { lines.splice(lines.indexOf(seen), 1); return Promise.resolve(seen); }
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`the host did not print ${re} in ${ms} ms`)), ms);
    waiting = { test: (l) => re.test(l), resolve: (l) => { clearTimeout(t); lines.splice(lines.indexOf(l), 1); resolve(l); } };
  });
}
const first = await nextLine(/^Join at /);
const m = /^Join at (http:\/\/127\.0\.0\.1:\d+\/) with room code ([A-Z]{6})$/.exec(first);
if (!m) { console.error(`the first line is not the join address and code: ${first}`); process.exit(1); }
const [, url, code] = m;
say(`host at ${url}, code ${code}`);

const browser = await puppeteer.launch({
  executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});

async function checkPage(page, what) {
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), kTags);
  for (const v of r.violations)
    problems.push(`${what}: axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const layout = await page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll('button, select, textarea, input:not([type=radio]), label.choice')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;  // hidden
      if (b.width < 44 || b.height < 44) small.push(`${el.tagName.toLowerCase()}#${el.id} ${Math.round(b.width)}x${Math.round(b.height)}`);
    }
    return { scroll: document.documentElement.scrollWidth, width: window.innerWidth, small };
  });
  if (layout.scroll > layout.width) problems.push(`${what}: scrolls sideways at 320px (${layout.scroll}px wide)`);
  for (const s of layout.small) problems.push(`${what}: touch target under 44px: ${s}`);
}

try {
  // --- thirty phones, each its own context (cookies), six to a team
  const phones = [];
  const csp = [];
  // Opened together: each context is a renderer of its own, slow to start one after another.
  phones.push(...await Promise.all(Array.from({ length: kDevices }, async (_, i) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text()); });
    await page.setViewport(i === 0 ? { width: 320, height: 640 } : { width: 390, height: 844 });
    return { page, team: `Team ${1 + (i % kTeams)}`, name: i % 3 === 0 ? '' : `Councillor ${i + 1}` };
  })));
  say(`${kDevices} browser contexts open`);
  // Joined ten at a time: every phone here shares one address, as they would behind one router.
  for (let i = 0; i < kDevices; i += 10) {
    await Promise.all(phones.slice(i, i + 10).map(async (p, k) => {
      await p.page.goto(url, { waitUntil: 'load' });
      if (i + k === 0) await checkPage(p.page, 'join page');
      await p.page.waitForSelector('#team option[value="Team 1"]');
      // One phone in each batch types key by key, as a person does; the others fill the fields
      // at once, which is all the page sees of typing and keeps the test quick.
      if (k === 0) {
        await p.page.type('#code', code.toLowerCase());
        if (p.name) await p.page.type('#name', p.name);
      } else {
        await p.page.$eval('#code', (e, v) => { e.value = v; }, code.toLowerCase());
        await p.page.$eval('#name', (e, v) => { e.value = v; }, p.name);
      }
      await p.page.select('#team', p.team);
      await p.page.click('#join-button');
      await p.page.waitForSelector('#stage:not([hidden]) #choices label.choice', { timeout: 10000 });
    }));
  }
  say(`${kDevices} devices joined`);
  const votedFor = [];  // per round: device index -> choice id
  for (let round = 0; round < kRounds; round++) {
    const picks = {};
    for (let i = 0; i < kDevices; i += 10) {
      await Promise.all(phones.slice(i, i + 10).map(async (p, k) => {
        const n = i + k;
        await p.page.waitForSelector('#vote:not([hidden]) label.choice');
        // Most of a team agree, one in six does not: the majority is clear.
        const radios = await p.page.$$('input[name=choice]');
        const pick = n % 6 === 5 && radios.length > 1 ? 1 : 0;
        await radios[pick].click();
        picks[n] = await radios[pick].evaluate((r) => r.value);
        await p.page.click('#vote-button');
        await p.page.waitForSelector('#reason:not([hidden])');
        const reason = `Reason ${round + 1} from device ${n + 1}`;
        if (k === 0) await p.page.type('#reason-text', reason);
        else await p.page.$eval('#reason-text', (e, v) => { e.value = v; }, reason);
        if (n % 6 === 5) await p.page.$eval('#dissent-text', (e) => { e.value = 'I would have done otherwise'; });
        await p.page.click('#reason-button');
        await p.page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Thank you'));
      }));
    }
    votedFor.push(picks);
    if (round === 0) {
      await checkPage(phones[0].page, 'voting view');
      if (screenshot) {
        // The phone's view from the top: who it is, the stage and its text, the choices below.
        await phones[1].page.evaluate(() => window.scrollTo(0, 0));
        await phones[1].page.screenshot({ path: screenshot, fullPage: false });
        // And further down: the choices with its vote, and its reason sent.
        const voted = screenshot.replace(/\.png$/, '-vote.png');
        await phones[1].page.$eval('#vote', (e) => e.scrollIntoView());
        await phones[1].page.screenshot({ path: voted, fullPage: false });
        say(`phone views saved to ${screenshot} and ${voted}`);
      }
    }
    say(`round ${round + 1}: ${kDevices} votes and reasons sent`);
    host.stdin.write('tally 1\n');
    const tally = await nextLine(/^Team 1 at /);
    if (!/: 6 of 6 devices voted$/.test(tally)) problems.push(`round ${round + 1}: tally for team 1 says "${tally}"`);
    const stagesBefore = await Promise.all(phones.map((p) => p.page.$eval('#stage-title', (e) => e.textContent)));
    host.stdin.write('record\n');
    for (let t = 0; t < kTeams; t++) {
      const rec = await nextLine(/^Recorded Team \d: /);
      if (!/\(6 device votes\)/.test(rec)) problems.push(`round ${round + 1}: "${rec}"`);
    }
    say(`round ${round + 1}: five group decisions recorded`);
    // Every phone moves on to the next stage by itself (it polls).
    await Promise.all(phones.map((p, i) => p.page.waitForFunction(
        (before) => document.getElementById('stage-title').textContent !== before, { timeout: 10000 }, stagesBefore[i])));
  }
  if (csp.length) problems.push(`Content-Security-Policy violations: ${csp.slice(0, 3).join(' | ')}`);
  host.stdin.end();  // the facilitator's input ends: the room ends cleanly
  const exit = await new Promise((resolve) => host.on('exit', resolve));
  if (exit !== 0) problems.push(`auditsim host exited ${exit}: ${hostErr}`);

  // --- the store: thirty device votes per round, each linked to its team's group decision
  const rows = JSON.parse(execFileSync('/usr/bin/sqlite3', ['-json', db,
    `SELECT v.device, v.team, v.choice, v.reason, v.dissent, v.decision_seq, d.choice AS decided, d.votes
       FROM device_votes v JOIN decisions d ON d.session = v.session AND d.seq = v.decision_seq
      ORDER BY v.decision_seq, v.device`]).toString() || '[]');
  const all = Number(execFileSync('/usr/bin/sqlite3', [db, 'SELECT count(*) FROM device_votes']).toString());
  if (all !== kDevices * kRounds) problems.push(`the store holds ${all} device votes, not ${kDevices * kRounds}`);
  if (rows.length !== all) problems.push(`${all - rows.length} device votes are not linked to a recorded decision`);
  const devices = new Set(rows.map((r) => r.device));
  if (devices.size !== kDevices) problems.push(`${devices.size} distinct devices in the store, not ${kDevices}`);
  for (let round = 1; round <= kRounds; round++) {
    const these = rows.filter((r) => r.decision_seq === round);
    const teams = new Set(these.map((r) => r.team));
    if (these.length !== kDevices || teams.size !== kTeams)
      problems.push(`decision ${round}: ${these.length} device votes across ${teams.size} teams`);
    for (const r of these) {
      if (!r.reason.startsWith(`Reason ${round} from device `)) problems.push(`decision ${round}: ${r.device} reason "${r.reason}"`);
      const majority = these.filter((o) => o.team === r.team && o.choice === r.decided).length;
      if (majority < 5) problems.push(`decision ${round}, ${r.team}: recorded ${r.decided} with ${majority} of 6 votes`);
    }
    const dissent = these.filter((r) => r.dissent === 'I would have done otherwise').length;
    if (dissent !== kTeams) problems.push(`decision ${round}: ${dissent} dissents kept, not ${kTeams}`);
  }
  say(`store: ${all} device votes in ${new Set(rows.map((r) => r.team + r.decision_seq)).size} group decisions`);
} catch (e) {
  problems.push(`${e.message}\nhost said: ${lines.join(' / ')}\n${hostErr.slice(-2000)}`);
} finally {
  await browser.close();
  if (host.exitCode === null) host.kill('SIGKILL');
}
say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
