#!/usr/bin/env bash
# Regenerates docs/img/dashboard.png from a real run: the README's main command over data-samples/ in a temp folder,
# one planner account, `blindspot web`, and Debian's Chromium (fonts-noto-cjk for Korean) driven by the Playwright
# driver that the Microsoft.Playwright NuGet package ships (restore tests/BlindSpot.Web.Tests first).
# Usage, from the repository root: bash docs/img/dashboard.sh
set -euo pipefail
root=$(pwd)
[ -f BlindSpot.sln ] || { echo "run from the repository root" >&2; exit 2; }
pw=$(ls -d ~/.nuget/packages/microsoft.playwright/*/.playwright | sort -V | tail -1)
work=$(mktemp -d /tmp/blindspot-screenshot.XXXXXX)
trap 'kill "$web" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet publish src/BlindSpot.Cli -c Release -o "$work/app" -nologo -v q
cd "$work"
./app/blindspot run --inbox "$root/data-samples" --out out --as-of 2026-10-30 > run.log
echo "screenshot-pass-$RANDOM$RANDOM" > pass
./app/blindspot users add --username plan1 --role planner --password-stdin < pass
port=$((20000 + RANDOM % 20000))
./app/blindspot web --urls "http://127.0.0.1:$port" --log-file "$work/web.clef" > web.log 2>&1 &
web=$!
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 1; done
B="http://127.0.0.1:$port" PASS=$(cat pass) OUT="$root/docs/img/dashboard.png" "$pw/node/linux-x64/node" - <<JS
const { chromium } = require('$pw/package');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ baseURL: process.env.B, locale: 'ko-KR', viewport: { width: 1400, height: 1000 } });
  await page.goto('/login');
  await page.fill('input[name=username]', 'plan1');
  await page.fill('input[name=password]', process.env.PASS);
  await page.click('button[type=submit]');
  await page.locator('#table-targets').waitFor();
  // Every chart drawn (Chart.js), the 18 dongs in the first one.
  await page.waitForFunction(() => window.Chart && [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c)));
  const dongs = await page.evaluate(() => Chart.getChart(document.querySelector('canvas[data-chart]')).data.labels.length);
  if (dongs !== 18) throw new Error('the targets chart shows ' + dongs + ' dongs');
  await page.screenshot({ path: process.env.OUT });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
JS
echo "wrote docs/img/dashboard.png"
