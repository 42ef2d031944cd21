// Opens the demo's live page in headless Chromium (Debian's package, driven by playwright-core)
// and checks that the capacity chart has points and a time axis and that the pickup histogram has
// bars, then saves a screenshot. Started by `make demo-browser-test` after the build; the demo runs
// briefly on a free port and only loopback is used.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const tools = process.env.HANGAR_TOOLS_DIR || '/opt/hangar-tools';
const { chromium } = require(path.join(tools, 'playwright', 'node_modules', 'playwright-core'));
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const jar = process.env.HANGAR_LOCAL_JAR || 'local/target/hangar-local.jar';
const shot = process.env.SCREENSHOT || 'local/target/demo-page.png';

function startDemo() {
  const demo = spawn('java', ['-jar', jar, 'demo', '--duration', '15', '--speed', '30', '--port', '0', '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('the demo printed no page address within 90 s')), 90_000);
    demo.stdout.on('data', chunk => {
      seen += chunk;
      const m = /live page (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (m) { clearTimeout(timer); resolve({ demo, url: m[1] }); }
    });
    demo.on('exit', code => { clearTimeout(timer); reject(new Error(`the demo exited (${code}) before serving its page`)); });
  });
}

async function main() {
  const { demo, url } = await startDemo();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browserPath,
      headless: true,
      viewport: { width: 900, height: 1400 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] || await context.newPage();
    await page.goto(url);
    // Points, time labels and bars appear once the lead-in is over and the first jobs are picked up;
    // 20 jobs make a histogram worth a look in the screenshot.
    await page.waitForFunction(() => {
      const points = [...document.querySelectorAll('#chart polyline.series')].map(p => Number(p.dataset.points));
      const bars = [...document.querySelectorAll('#histogram rect.bar')].filter(r => Number(r.getAttribute('height')) > 0);
      return points.length > 0 && Math.max(...points) > 2 && bars.length > 0
        && Number(document.getElementById('histogram').dataset.jobs) >= 20;
    }, null, { timeout: 120_000, polling: 500 });
    const found = await page.evaluate(() => ({
      series: document.querySelectorAll('#chart polyline.series').length,
      points: Math.max(...[...document.querySelectorAll('#chart polyline.series')].map(p => Number(p.dataset.points))),
      timeLabels: [...document.querySelectorAll('#chart text.xtick')].map(t => t.textContent),
      valueLabels: document.querySelectorAll('#chart text.ytick').length,
      bars: [...document.querySelectorAll('#histogram rect.bar')].filter(r => Number(r.getAttribute('height')) > 0).length,
      cost: document.getElementById('costs').textContent,
    }));
    await page.screenshot({ path: shot, fullPage: true });
    const problems = [];
    if (!(found.points > 0)) problems.push('the capacity chart has no points');
    if (found.timeLabels.length === 0 || !found.timeLabels.every(t => /^\d\d:\d\d$/.test(t))) problems.push(`time axis labels: ${JSON.stringify(found.timeLabels)}`);
    if (found.valueLabels === 0) problems.push('the capacity chart has no value axis');
    if (found.bars === 0) problems.push('the pickup histogram has no bars');
    if (!/baseline/.test(found.cost)) problems.push(`no cost against the baseline: ${found.cost}`);
    console.log(`demo-browser-test: ${found.series} series, up to ${found.points} points, time labels ${found.timeLabels.join(' ')}, ` +
      `${found.bars} histogram bars; ${found.cost}`);
    console.log(`demo-browser-test: screenshot ${shot}`);
    if (problems.length) {
      console.log(`demo-browser-test: ${problems.join('; ')}`);
      console.log('0 passed, 1 failed');
      process.exitCode = 1;
    } else {
      console.log('1 passed, 0 failed');
    }
  } finally {
    if (context) await context.close();
    demo.kill('SIGTERM');
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch(e => { console.error(`demo-browser-test: ${e.message}`); console.log('0 passed, 1 failed'); process.exit(1); });
