// The benchmark's peer: Debian's Chromium printing HTML files to PDF, one
// browser for all of them, driven through playwright-core as the
// accessibility tests drive it. Each FILE.html is printed to FILE.html.pdf,
// honouring the page size its CSS asks for (Letter otherwise).
// usage: node chromium_print.mjs FILE.html...
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  for (const file of process.argv.slice(2)) {
    await page.goto(pathToFileURL(file).href);
    await page.pdf({ path: `${file}.pdf`, format: "Letter", preferCSSPageSize: true });
  }
} finally {
  await browser.close();
}
