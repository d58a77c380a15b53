// Accessibility check of reportgen's HTML reports in headless Chromium (Debian's /usr/bin/chromium).
//
//   node tests/a11y/axe.mjs output/merton/merton.html output/havering/havering.html
//
// For each file, opened from file://, prints one JSON object on its own line:
//   file        the path as given
//   violations  axe-core violations for the WCAG 2.0/2.1 A and AA and 2.2 AA rule tags, run at
//               a desktop width and again at 320 px: [{id, impact, help, helpUrl, viewports,
//               nodes: [{target, html, failureSummary}]}]
//   incomplete  ids of the rules axe could not decide (for information)
//   reflow      at a 320 px-wide viewport: {width, scrollWidth, horizontalScroll, overflowing}
//               (overflowing: up to 10 elements sticking out of the viewport, for fixing)
//   focus       Tab from the top through every focusable element: {first, stops,
//               invisibleCount, invisible}. first is what the first Tab focuses (expected:
//               the skip link) with its computed outline; invisible lists the stops whose
//               focus outline is missing (none, under 2 px or transparent) or off screen
//   charts      at a 390 px phone and at 1280 px: {width, count, minPx, overlaps}: the visible
//               chart labels, the smallest as rendered in CSS px (font size × the SVG's scale),
//               and pairs of labels whose rendered boxes overlap (issue 10)
//   blocked     every request that was not file:// (each is aborted; expected empty)
// Exits 0 once every file has been checked, whatever was found; non-zero if it could not run.
// Nothing is fetched from the network: every request other than file:// is aborted.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };
const PHONE = { width: 390, height: 844 };
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

async function runAxe(page, viewport) {
  await page.setViewportSize(viewport);
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return {
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      })),
      incomplete: results.incomplete.map((v) => v.id),
    };
  }, TAGS);
}

async function reflow(page) {
  await page.setViewportSize(NARROW);
  return page.evaluate((width) => {
    const root = document.documentElement;
    const describe = (el) =>
      el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
    const insideScroller = (el) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        if (getComputedStyle(e).overflowX !== "visible") return true;
      }
      return false;
    };
    const overflowing = [];
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (insideScroller(el)) continue; // scrolls inside its own region (a .table-wrap), not the page
      if (box.right > width + 0.5 || box.left < -0.5) {
        if (getComputedStyle(el).position === "absolute" && box.right < 0) continue; // parked off-screen (skip link)
        overflowing.push(`${describe(el)} [${Math.round(box.left)}–${Math.round(box.right)}]`);
        if (overflowing.length >= 10) break;
      }
    }
    return { width, scrollWidth: root.scrollWidth, horizontalScroll: root.scrollWidth > width, overflowing };
  }, NARROW.width);
}

// The charts' labels as drawn: the smallest text in CSS px, and any two visible labels of one
// chart whose boxes overlap by more than half a pixel.
async function charts(page, viewport) {
  await page.setViewportSize(viewport);
  return page.evaluate((width) => {
    const sizes = [];
    const overlaps = [];
    for (const svg of document.querySelectorAll("svg[role=img]")) {
      if (!svg.getClientRects().length) continue; // the layout for other widths
      const boxes = [];
      for (const text of svg.querySelectorAll("text")) {
        sizes.push(parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a);
        const box = text.getBoundingClientRect();
        for (const [other, b] of boxes) {
          const x = Math.min(box.right, b.right) - Math.max(box.left, b.left);
          const y = Math.min(box.bottom, b.bottom) - Math.max(box.top, b.top);
          if (x > 0.5 && y > 0.5) overlaps.push(`${svg.id || svg.getAttribute("aria-labelledby")}: ${other} / ${text.textContent}`);
        }
        boxes.push([text.textContent, box]);
      }
    }
    return { width, count: sizes.length, minPx: sizes.length ? Math.min(...sizes) : null, overlaps: overlaps.slice(0, 10) };
  }, viewport.width);
}

const FOCUS_STATE = () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const width = parseFloat(style.outlineWidth) || 0;
  const colour = style.outlineColor;
  const transparent = colour === "transparent" || /rgba\(.*,\s*0\)$/.test(colour);
  const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
  const path = [];
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    const i = e.parentElement ? [...e.parentElement.children].indexOf(e) + 1 : 1;
    path.unshift(`${e.tagName.toLowerCase()}:nth-child(${i})`);
  }
  return {
    tag: el.tagName.toLowerCase(),
    className: typeof el.className === "string" ? el.className : "",
    href: el.getAttribute("href"),
    text: el.textContent.trim().slice(0, 80),
    selector: "body > " + path.join(" > "),
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    outlineColor: colour,
    onScreen,
    visible: onScreen && style.outlineStyle !== "none" && width >= 2 && !transparent,
  };
};

// Tab from the top of the page through every focusable element (until focus leaves the page
// or comes back round), checking each one shows a focus outline and is scrolled into view.
async function focus(page) {
  await page.setViewportSize(DESKTOP);
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  });
  let first = null;
  let stops = 0;
  const invisible = [];
  for (let i = 0; i < 2000; i++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate(FOCUS_STATE);
    if (state === null || (first && state.selector === first.selector)) break;
    if (first === null) first = state;
    stops += 1;
    if (!state.visible) invisible.push(state);
  }
  return { first, stops, invisible: invisible.slice(0, 20), invisibleCount: invisible.length };
}

async function check(context, file, blocked) {
  const page = await context.newPage();
  try {
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => r.url().startsWith("file:") || r.url().startsWith("data:") || blocked.add(r.url()));
    page.on("websocket", (ws) => blocked.add(ws.url())); // routes don't see WebSockets
    await page.setViewportSize(DESKTOP);
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
    const byRule = new Map();
    const incomplete = new Set();
    for (const [name, viewport] of [["desktop", DESKTOP], ["320px", NARROW]]) {
      const result = await runAxe(page, viewport);
      result.incomplete.forEach((id) => incomplete.add(id));
      for (const v of result.violations) {
        const seen = byRule.get(v.id);
        if (seen) {
          seen.viewports.push(name);
          const targets = new Set(seen.nodes.map((n) => JSON.stringify(n.target)));
          seen.nodes.push(...v.nodes.filter((n) => !targets.has(JSON.stringify(n.target))));
        } else {
          byRule.set(v.id, { ...v, viewports: [name] });
        }
      }
    }
    return {
      file,
      violations: [...byRule.values()],
      incomplete: [...incomplete].sort(),
      reflow: await reflow(page),
      charts: [await charts(page, PHONE), await charts(page, DESKTOP)],
      focus: await focus(page),
      blocked: [...blocked],
      errors,
    };
  } finally {
    await page.close();
  }
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node axe.mjs FILE.html...");
    return 2;
  }
  const profile = mkdtempSync(join(tmpdir(), "reportgen-a11y-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: DESKTOP,
    reducedMotion: "reduce",
  });
  try {
    for (const file of files) {
      const blocked = new Set();
      await context.unrouteAll?.();
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        blocked.add(url);
        return route.abort("blockedbyclient");
      });
      const result = await check(context, file, blocked);
      process.stdout.write(JSON.stringify(result) + "\n");
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
