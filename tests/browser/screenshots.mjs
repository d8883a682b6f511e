// Screenshots of the workbench on the Dong Nai default for docs/workbench.md (not a test):
// the province overview, Phước Tân's unit page and its staffing request.
//
// usage: node tests/browser/screenshots.mjs TWOTIER_BINARY SOURCE_DIR OUT_DIR [CHROMIUM]
// (about a minute of CPU: a 30-day province run of 2 replications, one what-if, one search)
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [twotier, source, outDir, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => { const p = probe.address().port; probe.close(() => resolve(p)); });
});
const workspace = mkdtempSync(path.join(os.tmpdir(), "twotier-shots-"));
const server = spawn(twotier, ["serve", path.join(source, "scenarios/dong-nai"), "--port", String(port),
  "--workspace", workspace], { stdio: "inherit" });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try { await fetch(`${base}/api/scenarios`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
}
const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await page.goto(`${base}/`, { waitUntil: "networkidle0" });
  const setField = async (selector, value) => { await page.$eval(selector, (e) => { e.value = ""; }); await page.type(selector, value); };
  await setField('[data-testid="horizon"]', "30");
  await setField('[data-testid="reps"]', "2");
  await page.click('[data-testid="submit"]');
  await page.waitForSelector("tr[data-unit]", { timeout: 900000 });
  await page.screenshot({ path: path.join(outDir, "workbench-overview.png") });
  await page.type('[data-testid="search"]', "phuoc tan");
  await page.click('tr[data-unit="phuoc_tan"]');
  await page.waitForSelector("svg polyline", { timeout: 60000 });
  await page.screenshot({ path: path.join(outDir, "workbench-unit.png"), fullPage: true });
  await page.click('nav button[data-view="staff"]');
  await page.waitForSelector('[data-testid="staff-unit"]');
  await page.select('[data-testid="staff-unit"]', "phuoc_tan");
  await setField('[data-testid="staff-target"]', "95");
  await setField('[data-testid="horizon"]', "30");
  await setField('[data-testid="reps"]', "3");
  await page.click('[data-testid="submit"]');
  await page.waitForSelector('[data-testid="staff-answer"]', { timeout: 1800000 });
  await page.screenshot({ path: path.join(outDir, "workbench-staffing.png"), fullPage: true });
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(workspace, { recursive: true, force: true });
}
