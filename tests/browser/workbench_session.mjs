// Shared by the browser test and the screenshot script: `twotier serve` on a free loopback
// port over the given scenario folder, and headless Chromium (Debian's) driven by
// puppeteer-core.
import { spawn } from "node:child_process";
import net from "node:net";
import puppeteer from "puppeteer-core";

async function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const port = probe.address().port;
      probe.close(() => resolve(port));
    });
  });
}

// Starts the server and the browser; `stop()` ends both.
export async function startWorkbench({ twotier, scenarios, workspace, chromium, extra = [] }) {
  const port = await freePort();
  const server = spawn(twotier, ["serve", scenarios, "--port", String(port), "--workspace", workspace,
    ...extra], { stdio: "inherit" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${base}/api/scenarios`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const stop = async () => { await browser.close(); server.kill("SIGTERM"); };
  return { base, browser, stop };
}

// Clears an input and types `value` into it.
export async function setField(page, selector, value) {
  await page.$eval(selector, (e) => { e.value = ""; });
  await page.type(selector, value);
}
