// Screenshots of the workbench on the Dong Nai default for docs/workbench.md (not a test):
// the province overview, Phước Tân's unit page and its staffing request.
//
// usage: node tests/browser/screenshots.mjs TWOTIER_BINARY SOURCE_DIR OUT_DIR [CHROMIUM]
// (about a minute of CPU: a 30-day province run of 2 replications, one what-if, one search)
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setField as fill, startWorkbench } from "./workbench_session.mjs";

const [twotier, source, outDir, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const workspace = mkdtempSync(path.join(os.tmpdir(), "twotier-shots-"));
const { base, browser, stop } = await startWorkbench({ twotier,
  scenarios: path.join(source, "scenarios/dong-nai"), workspace, chromium });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await page.goto(`${base}/`, { waitUntil: "networkidle0" });
  const setField = (selector, value) => fill(page, selector, value);
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
  await stop();
  rmSync(workspace, { recursive: true, force: true });
}
