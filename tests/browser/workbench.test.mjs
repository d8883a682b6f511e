// The workbench in a real browser (Debian's Chromium driven by puppeteer-core): as a planner
// would, open the overview, run the baseline, find a unit without diacritics, open it, add an
// officer, compare, see the result change, ask for a staffing answer and download its report
// and PDF. Screenshots go to OUT_DIR for a person to look at.
//
// usage: node workbench.test.mjs TWOTIER_BINARY SOURCE_DIR OUT_DIR [CHROMIUM]
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setField as fill, startWorkbench } from "./workbench_session.mjs";

const [twotier, source, outDir, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok  " : "FAIL"} ${what}`); if (!ok) failures.push(what); };

const root = mkdtempSync(path.join(os.tmpdir(), "twotier-browser-"));
cpSync(path.join(source, "scenarios/examples/single-commune"), path.join(root, "scenarios/single-commune"), { recursive: true });
cpSync(path.join(source, "scenarios/calendars"), path.join(root, "calendars"), { recursive: true });
const { base, browser, stop } = await startWorkbench({ twotier, scenarios: path.join(root, "scenarios"),
  workspace: path.join(root, "workspace"), chromium, extra: ["--jobs", "2", "--threads", "1"] });

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) pageErrors.push(`outside request ${r.url()}`); });
  await page.goto(`${base}/`, { waitUntil: "networkidle0" });
  await page.evaluate(() => localStorage.setItem("twotier-lang", "en"));
  await page.reload({ waitUntil: "networkidle0" });

  // Overview: run the baseline.
  const setField = (selector, value) => fill(page, selector, value);
  // A run shorter than the scenario's warm-up: the CLI's message appears at the days field.
  await setField('[data-testid="horizon"]', "5");
  await page.click('[data-testid="submit"]');
  await page.waitForSelector("label .field-error", { timeout: 60000 });
  const fieldError = await page.$eval("label .field-error", (e) => [e.closest("label").querySelector("input").name, e.textContent]);
  check(fieldError[0] === "horizon" && /warmup/.test(fieldError[1]), `a bad value is reported at its field (${fieldError[1].slice(0, 80)})`);
  await setField('[data-testid="horizon"]', "20");
  await setField('[data-testid="reps"]', "3");
  await page.click('[data-testid="submit"]');
  await page.waitForSelector("tr[data-unit]", { timeout: 120000 });
  const rows = await page.$$eval("tr[data-unit]", (r) => r.map((x) => x.dataset.unit));
  check(rows.includes("phu_hoa"), "the overview lists the units after the run");
  check(await page.$eval("main", (m) => /On-time rate/.test(m.textContent) && /95% CI/.test(m.textContent)), "headline tiles show intervals");
  await page.screenshot({ path: path.join(outDir, "1-overview.png"), fullPage: true });
  await page.type('[data-testid="search"]', "phu hoa");
  const found = await page.$$eval("tr[data-unit]", (r) => r.map((x) => x.dataset.unit));
  check(found.length === 1 && found[0] === "phu_hoa", "search without diacritics finds Xã Phú Hòa");

  // Unit page: add an officer to its busiest position (justice) and compare.
  await page.click('tr[data-unit="phu_hoa"]');
  await page.waitForSelector('input[data-position="one_stop"]');
  await page.waitForSelector("svg polyline", { timeout: 30000 });
  check((await page.$$("svg polygon")).length >= 2, "the unit's trajectory has bands");
  const before = Number(await page.$eval('input[data-position="justice"]', (e) => e.value));
  await setField('input[data-position="justice"]', String(before + 1));
  check(await page.$eval('[data-testid="horizon"]', (e) => e.value) === "20", "the unit page keeps the days asked for");
  await page.click('[data-testid="submit"]');
  await page.waitForSelector('[data-testid="comparison"]', { timeout: 180000 });
  const onTime = await page.$eval('[data-testid="comparison"] tr[data-scope="unit:phu_hoa"][data-metric="on_time_rate"]',
    (r) => [...r.cells].map((c) => c.textContent));
  check(onTime[2] !== onTime[3], `the what-if changes the unit's on-time rate (${onTime[2]} → ${onTime[3]})`);
  check((await page.$$('[data-testid="procedures"] tbody tr')).length >= 3, "the unit page lists the procedures filed there");
  const costText = await page.$eval('[data-testid="cost"]', (e) => e.textContent);
  check(/\+1 officer\b/.test(costText), `the what-if states the officers it adds and their cost (${costText})`);
  check(/points/.test(onTime[4]), "the difference is stated in points with its interval");
  await page.screenshot({ path: path.join(outDir, "2-unit-what-if.png"), fullPage: true });

  // Staffing request, then the report and its PDF.
  await page.click('nav button[data-view="staff"]');
  await page.waitForSelector('[data-testid="staff-unit"]');
  await page.select('[data-testid="staff-unit"]', "phu_hoa");
  await setField('[data-testid="staff-target"]', "80");
  await setField('[data-testid="horizon"]', "20");
  await setField('[data-testid="reps"]', "3");
  await page.click('[data-testid="submit"]');
  await page.waitForSelector('[data-testid="staff-answer"]', { timeout: 300000 });
  const answer = await page.$eval('[data-testid="staff-answer"]', (e) => e.textContent);
  check(/phu_hoa|Phú Hòa/.test(answer), "the staffing answer is about the unit asked");
  await page.screenshot({ path: path.join(outDir, "3-staffing.png"), fullPage: true });
  const reportUrl = await page.$eval('[data-testid="report-html"]', (a) => a.href);
  const report = await fetch(reportUrl);
  check(report.ok && (await report.text()).includes("<html"), "the report downloads as HTML");
  const pdfUrl = await page.$eval('[data-testid="report-pdf"]', (a) => a.href);
  const pdf = Buffer.from(await (await fetch(pdfUrl)).arrayBuffer());
  writeFileSync(path.join(outDir, "report.pdf"), pdf);
  check(pdf.subarray(0, 5).toString() === "%PDF-", "the report downloads as PDF");

  // Vietnamese.
  await page.click('[data-testid="lang"]');
  await page.waitForFunction(() => document.documentElement.lang === "vi");
  check(await page.$eval("nav", (n) => n.textContent.includes("Toàn tỉnh")), "the page switches to Vietnamese");
  await page.click('nav button[data-view="overview"]');
  await page.waitForSelector("tr[data-unit]", { timeout: 30000 });
  await page.screenshot({ path: path.join(outDir, "4-overview-vi.png"), fullPage: true });
  check(pageErrors.length === 0, `no script errors and no request leaves the server (${pageErrors.join("; ")})`);
} finally {
  await stop();
  rmSync(root, { recursive: true, force: true });
}
console.log(failures.length ? `${failures.length} browser checks failed` : "workbench works in the browser");
process.exit(failures.length ? 1 : 0);
