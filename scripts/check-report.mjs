// Helper of scripts/check-report: opens every page of each folder given in
// headless Chromium and runs axe-core on it. Screenshots (the first screen
// and the full page) and an A4 PDF: of the report's index.html and of its
// first page in Chinese, and of the index.html of every other folder (the
// comparison, the trend), named after the folder.
// Usage: node scripts/check-report.mjs WORK SHOTS_DIR NAME=DIR...
//   (the folder named `report` is the analyze report)
// Exit code 1 when axe-core finds a violation or a page asks for anything
// outside itself.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [work, shots, ...folders] = process.argv.slice(2);
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

async function photograph(page, base) {
  await page.screenshot({ path: `${base}.png` });
  await page.screenshot({ path: `${base}-full.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${base}.pdf`, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
}

let violations = 0;
let count = 0;
console.log('axe-core:');
for (const folder of folders) {
  const [label, dir] = folder.split(/=(.*)/s);
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  const report = label === 'report';
  const zh = report ? pages.find((f) => f !== 'index.html'
    && /<blockquote lang="zh/.test(fs.readFileSync(path.join(dir, f), 'utf8'))) : undefined;
  for (const name of pages) {
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.resolve(dir, name)).href);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => await window.axe.run());
    violations += result.violations.length;
    count += 1;
    console.log(`  ${label}/${name}: ${result.violations.length} violations, ${result.incomplete.length} to review${result.incomplete.length ? ' (' + result.incomplete.map((r) => r.id).join(', ') + ')' : ''}, ${result.passes.length} rules passed`);
    for (const v of result.violations) {
      console.log(`    ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(' ')}`);
    }
    if (report && (name === 'index.html' || name === zh)) {
      await photograph(page, path.join(shots, name.replace(/\.html$/, '')));
    } else if (!report && name === 'index.html') {
      await photograph(page, path.join(shots, label));
    }
    await page.close();
  }
  if (report && !zh) console.log('  (no page with Chinese excerpts to photograph)');
}
console.log(`  total: ${violations} violations in ${count} pages`);
if (external.length) console.log(`  external requests: ${external.join(', ')}`);
await browser.close();
process.exit(violations === 0 && external.length === 0 ? 0 : 1);
