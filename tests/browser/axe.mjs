// Runs axe-core on HTML files in Debian's Chromium and prints the violations
// as JSON: {"file": [{"id", "impact", "help", "nodes": [html, ...]}], ...}.
// usage: node axe.mjs FILE.html...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const results = {};
try {
  const page = await browser.newPage();
  // The documents are self-contained: any request other than the file itself fails.
  await page.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort());
  for (const file of process.argv.slice(2)) {
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    const outcome = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
    results[file] = outcome.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html),
    }));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results, null, 1));
