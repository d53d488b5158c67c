// Helper of scripts/check-report: opens pages in headless Chromium, runs
// axe-core on them, and photographs some: a screenshot at 1366 px and at
// 390 px (the first screen and the full page) and an A4 PDF of each.
// Usage: node scripts/check-report.mjs WORK SHOTS_DIR SPEC...
//   axe:LABEL=DIR         axe-core on every page under DIR (subfolders too)
//   axe:LABEL=FILE.html[#anchor]   axe-core on that page only (opened at
//                         the anchor: the overview then shows that view)
//   shot:NAME=FILE.html[#anchor]   photograph that page (and run axe on it
//                                  when no axe spec covered it)
//   time:NAME=FILE.html   load the page 3 times and print its load time
// Exit code 1 when axe-core finds a violation or a page asks for anything
// outside itself.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [work, shots, ...specs] = process.argv.slice(2);
const require = createRequire(path.resolve(work, 'package.json'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
const wide = await browser.newContext({ viewport: { width: 1366, height: 900 } });
const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
// Self-contained pages: any request that is not the page itself is a fault.
const external = [];
for (const c of [wide, phone]) {
  c.on('request', (r) => { if (!r.url().startsWith('file://')) external.push(r.url()); });
}

function pagesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pagesUnder(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

let violations = 0;
let count = 0;
const checked = new Set();
async function axe(label, file, anchor) {
  const page = await wide.newPage();
  await page.goto(pathToFileURL(path.resolve(file)).href + (anchor ? '#' + anchor : ''));
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => await window.axe.run());
  violations += result.violations.length;
  count += 1;
  checked.add(path.resolve(file));
  const review = result.incomplete.length ? ' (' + result.incomplete.map((r) => r.id).join(', ') + ')' : '';
  console.log(`  ${label}: ${result.violations.length} violations, ${result.incomplete.length} to review${review}, ${result.passes.length} rules passed`);
  for (const v of result.violations) {
    console.log(`    ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(' ')}`);
  }
  await page.close();
}

async function photograph(name, target) {
  const [file, anchor] = target.split('#');
  const url = pathToFileURL(path.resolve(file)).href + (anchor ? '#' + anchor : '');
  for (const [ctx, w] of [[wide, 1366], [phone, 390]]) {
    const page = await ctx.newPage();
    await page.goto(url);
    await page.screenshot({ path: path.join(shots, `${name}-${w}.png`) });
    if (!anchor) await page.screenshot({ path: path.join(shots, `${name}-${w}-full.png`), fullPage: true });
    // Nothing may pan sideways: the page is no wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > w) console.log(`  ${name} at ${w} px: the page is ${width} px wide (pans sideways)`);
    if (w === 1366) {
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: path.join(shots, `${name}.pdf`), preferCSSPageSize: true, printBackground: true });
    }
    await page.close();
  }
}

async function loadTime(name, file) {
  const times = [];
  for (let k = 0; k < 3; k += 1) {
    const page = await wide.newPage();
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    const t = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { load: n.loadEventEnd, dom: n.domContentLoadedEventEnd, bytes: n.transferSize || n.decodedBodySize };
    });
    times.push(t);
    await page.close();
  }
  const loads = times.map((t) => Math.round(t.load));
  console.log(`  ${name}: load event at ${loads.join(', ')} ms (3 loads; DOMContentLoaded ${times.map((t) => Math.round(t.dom)).join(', ')} ms; ${times[0].bytes} bytes)`);
}

console.log('axe-core:');
const later = [];
for (const spec of specs) {
  const [kind, rest] = spec.split(/:(.*)/s);
  const [label, target] = rest.split(/=(.*)/s);
  if (kind === 'axe') {
    // FILE.html#view: the page with that view of the overview shown.
    const [dir, anchor] = target.split('#');
    const files = fs.statSync(dir).isDirectory() ? pagesUnder(dir) : [dir];
    for (const f of files) {
      await axe(fs.statSync(dir).isDirectory() ? `${label}/${path.relative(dir, f)}` : label, f, anchor);
    }
  } else {
    later.push([kind, label, target]);
  }
}
for (const [kind, label, target] of later) {
  const file = target.split('#')[0];
  if (kind === 'shot' && !checked.has(path.resolve(file))) await axe(label, file);
}
console.log(`  total: ${violations} violations in ${count} pages`);
console.log('screenshots (1366 and 390 px) and A4 PDFs:');
for (const [kind, label, target] of later) {
  if (kind === 'shot') {
    await photograph(label, target);
    console.log(`  ${label}: ${target}`);
  }
}
console.log('load time in Chromium:');
for (const [kind, label, target] of later) {
  if (kind === 'time') await loadTime(label, target);
}
if (external.length) console.log(`  external requests: ${external.join(', ')}`);
await browser.close();
process.exit(violations === 0 && external.length === 0 ? 0 : 1);
