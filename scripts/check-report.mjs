// Helper of scripts/check-report: opens every page of a report in headless
// Chromium, runs axe-core on it, and takes screenshots of index.html and of
// the first page in Chinese (plus an A4 PDF of that page and of index.html).
// Usage: node scripts/check-report.mjs WORK REPORT_DIR SHOTS_DIR
// Exit code 1 when axe-core finds a violation.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [work, reportDir, shots] = process.argv.slice(2);
const require = createRequire(path.resolve(work, 'package.json'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// Self-contained pages: any request that is not the page itself is a fault.
const external = [];
context.on('request', (r) => { if (!r.url().startsWith('file://')) external.push(r.url()); });

const pages = fs.readdirSync(reportDir).filter((f) => f.endsWith('.html')).sort();
const zh = pages.find((f) => f !== 'index.html'
  && /<blockquote lang="zh/.test(fs.readFileSync(path.join(reportDir, f), 'utf8')));
let violations = 0;
console.log('axe-core:');
for (const name of pages) {
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.resolve(reportDir, name)).href);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => await window.axe.run());
  violations += result.violations.length;
  console.log(`  ${name}: ${result.violations.length} violations, ${result.incomplete.length} to review${result.incomplete.length ? ' (' + result.incomplete.map((r) => r.id).join(', ') + ')' : ''}, ${result.passes.length} rules passed`);
  for (const v of result.violations) {
    console.log(`    ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(' ')}`);
  }
  if (name === 'index.html' || name === zh) {
    const base = path.join(shots, name.replace(/\.html$/, ''));
    await page.screenshot({ path: `${base}.png` });
    await page.screenshot({ path: `${base}-full.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: `${base}.pdf`, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  }
  await page.close();
}
if (!zh) console.log('  (no page with Chinese excerpts to photograph)');
console.log(`  total: ${violations} violations in ${pages.length} pages`);
if (external.length) console.log(`  external requests: ${external.join(', ')}`);
await browser.close();
process.exit(violations === 0 && external.length === 0 ? 0 : 1);
