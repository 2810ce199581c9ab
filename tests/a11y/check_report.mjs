// Checks one HTML report in Debian's headless Chromium: axe-core's WCAG 2.2 AA rules (at a desktop
// width and at 320 CSS pixels), reflow to 320 pixels with no sideways scrolling, one `main`
// landmark, and a text alternative on every chart and image. Prints every problem and exits 1
// when there is any; exits 2 when the tools it needs are not installed.
//
// Usage: node tests/a11y/check_report.mjs REPORT.html
// Chromium is /usr/bin/chromium unless AUDITSIM_CHROMIUM names another.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url).pathname;

function missing(what) {
  console.error(`${what} is not installed. Run scripts/install-deps, which installs Debian's ` +
                `chromium and runs npm ci in tests/a11y (nothing is downloaded at build or test time).`);
  process.exit(2);
}

let puppeteer, axePath;
try {
  puppeteer = require('puppeteer-core');
  axePath = require.resolve('axe-core/axe.min.js');
} catch {
  missing(`puppeteer-core or axe-core (in ${here}node_modules)`);
}
const chromium = process.env.AUDITSIM_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) missing(`Chromium (${chromium})`);

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error(`usage: node check_report.mjs REPORT.html (${file ?? 'no file'} not found)`);
  process.exit(2);
}

const kTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const problems = [];

function axeViolations(results, width) {
  for (const v of results.violations) {
    problems.push(`axe ${v.id} (${v.impact}) at ${width}px: ${v.help} — ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 8))
      problems.push(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`);
    if (v.nodes.length > 8) problems.push(`    ... and ${v.nodes.length - 8} more`);
  }
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  // The report's Content-Security-Policy forbids every script; axe is injected by the checker.
  await page.setBypassCSP(true);
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  const axeSource = readFileSync(axePath, 'utf8');
  await page.evaluate(axeSource);
  const runAxe = () => page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      kTags);
  axeViolations(await runAxe(), 1280);

  const structure = await page.evaluate(() => {
    const name = (el) => (el.getAttribute('aria-label') || '').trim() ||
        (el.getAttribute('aria-labelledby') || '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim() ||
        (el.querySelector(':scope > title')?.textContent ?? '').trim();
    return {
      mains: document.querySelectorAll('main, [role="main"]').length,
      lang: document.documentElement.lang,
      charts: [...document.querySelectorAll('svg')].filter((s) => s.getAttribute('aria-hidden') !== 'true')
          .map((s) => ({ role: s.getAttribute('role'), name: name(s) })),
      imagesWithoutAlt: [...document.querySelectorAll('img')].filter((i) => !i.hasAttribute('alt')).length,
    };
  });
  if (structure.mains !== 1) problems.push(`expected one main landmark, found ${structure.mains}`);
  if (!structure.lang) problems.push('the html element has no lang');
  structure.charts.forEach((c, i) => {
    if (c.role !== 'img') problems.push(`chart ${i + 1} has role "${c.role}", not "img"`);
    // A name that gives the figures, not only what kind of chart it is.
    if (!/\d|not assessed|no choices/.test(c.name)) problems.push(`chart ${i + 1} has no text alternative with its figures: "${c.name}"`);
  });
  if (structure.imagesWithoutAlt) problems.push(`${structure.imagesWithoutAlt} images have no alt attribute`);

  // Reflow (WCAG 1.4.10): at 320 CSS pixels nothing may need horizontal scrolling.
  await page.setViewport({ width: 320, height: 640 });
  const reflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const wide = [];
    if (scroll > width)
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 0.5 && wide.length < 8)
          wide.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (right edge ${Math.round(r.right)}px)`);
      }
    return { width, scroll, wide };
  });
  if (reflow.scroll > 320)
    problems.push(`at 320px the page is ${reflow.scroll}px wide (horizontal scrolling); widest: ${reflow.wide.join(', ')}`);
  axeViolations(await runAxe(), 320);

  const charts = structure.charts.length;
  if (problems.length) {
    console.log(`${file}: ${problems.length} accessibility problems`);
    for (const p of problems) console.log(`  ${p}`);
    process.exitCode = 1;
  } else {
    console.log(`${file}: no WCAG 2.2 AA violations, reflows to 320px (${reflow.scroll}px), one main landmark, ${charts} charts with text alternatives`);
  }
} finally {
  await browser.close();
}
