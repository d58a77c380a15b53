// `reportgen watch` as a reader's browser meets it, in headless Chromium (tests/test_watch.py runs it).
//
//   node tests/a11y/watch.mjs URL FINDINGS BROKEN.yml FIXED.yml
//
// Opens the preview at URL, reads the panel of what is unfinished, scrolls down the report, saves
// BROKEN over FINDINGS (as an editor would) and waits for the page to reload with the problems over
// it, then saves FIXED and waits for the overlay to go. Prints one JSON object: what was seen at each
// step (visibility, text, the page's scroll position, what has the focus, axe-core's violations for
// WCAG 2.2 AA within the panel, the overlay and the page a link to the PDF leads to). Nothing but
// the preview's own address is fetched (other requests are aborted and listed under `blocked`).

import { copyFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const [url, findings, broken, fixed] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const WAIT = 60000;
const blocked = [];

async function violations(page, selector) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async ([selector, tags]) => {
    const results = await window.axe.run({ include: [selector] }, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }, [selector, TAGS]);
}

async function seen(page, selector) {
  const element = await page.$(selector);
  if (!element) return { present: false };
  const box = await element.boundingBox();
  return { present: true, visible: await element.isVisible(), text: (await element.innerText()).trim(), box };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route("**/*", (route) => {
    if (route.request().url().startsWith(url)) return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector("#reportgen-unfinished", { timeout: WAIT });
  const panel = { ...(await seen(page, "#reportgen-unfinished")), axe: await violations(page, "#reportgen-unfinished") };
  const heading = (await page.innerText("h1")).trim();
  await page.evaluate(() => window.scrollTo(0, 3000));
  const before = await page.evaluate(() => window.scrollY);

  copyFileSync(broken, findings);
  await page.waitForSelector("#reportgen-errors", { timeout: WAIT });
  await page.waitForFunction(() => document.readyState === "complete");
  const overlay = {
    ...(await seen(page, "#reportgen-errors")),
    focused: await page.evaluate(() => document.activeElement && document.activeElement.id),
    axe: await violations(page, "#reportgen-errors"),
  };
  const beneath = { heading: (await page.innerText("h1")).trim(), scrollY: await page.evaluate(() => window.scrollY) };
  const role = await page.getAttribute("#reportgen-errors", "role");

  copyFileSync(fixed, findings);
  await page.waitForSelector("#reportgen-errors", { state: "detached", timeout: WAIT });
  await page.waitForFunction(() => document.readyState === "complete");
  const after = { scrollY: await page.evaluate(() => window.scrollY), panel: await seen(page, "#reportgen-unfinished") };

  const link = await page.$eval('a[href$=".pdf"]', (a) => a.getAttribute("href"));
  const response = await page.goto(new URL(link, url).href);
  const pdf = { href: link, status: response.status(), text: (await page.innerText("main")).trim(), axe: await violations(page, "html") };

  console.log(JSON.stringify({ panel, heading, before, overlay, role, beneath, after, pdf, blocked }));
} finally {
  await browser.close();
}
