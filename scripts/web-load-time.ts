// Measures how long the admin center takes to show the sign-in log on a demo tenant: from
// navigation to the first rows on screen, in Debian's Chromium. Prints figures, asserts nothing.
//   npm run web:load-time [-- users days]
import { startDemoServer } from '../src/testing/demo-server.ts';
import { launchChromium } from '../src/testing/browser.ts';

const [users = 150, days = 7] = process.argv.slice(2).map(Number);
const server = await startDemoServer({ users, days });
const chrome = await launchChromium();
try {
  console.log(`demo tenant ${users} users × ${days} days seeded in ${server.seedMs} ms: ${JSON.stringify(server.summary.counts)}`);
  const t = performance.now();
  const api = await fetch(`${server.url}/beta/auditLogs/signIns?$top=200&$count=true`);
  await api.json();
  console.log(`API first page (cold): ${Math.round(performance.now() - t)} ms`);
  for (const path of ['/sign-ins', '/sign-ins', '/audit-logs', '/sign-ins?range=all&status=failure']) {
    // A new context each time: no HTTP cache, like a first visit.
    const ctx = await chrome.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}${path}`);
    await page.getByTestId('result-count').waitFor();
    const shown = Date.now() - t0;
    const nav = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation').map((e) => Math.round((e as PerformanceNavigationTiming).domContentLoadedEventEnd))));
    const res = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => `${new URL(e.name).pathname.slice(0, 40)} ${Math.round(e.startTime)}→${Math.round((e as PerformanceResourceTiming).responseEnd)}`).join(' | '));
    console.log(`${path}: first rows after ${shown} ms (DOMContentLoaded ${nav} ms)\n    ${res}`);
    await ctx.close();
  }
} finally {
  await chrome.close();
  await server.close();
}
