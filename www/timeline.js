// The expiry timeline: an inline SVG bar chart, drawn by hand, of how many certificates in
// service expire in each of the next 26 weeks, stacked by provider.
import { PROVIDERS, PROVIDER_NAMES, weeklyExpiry, DAY_MS } from "./model.js";

const NS = "http://www.w3.org/2000/svg";
const el = (name, attrs = {}, text) => {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
};

const fmtDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** A "nice" axis maximum and step for `max` (at least 1). */
function niceScale(max) {
  const target = Math.max(1, max);
  for (const step of [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000, 10000]) {
    if (target / step <= 4) return { top: Math.ceil(target / step) * step, step };
  }
  const step = 10 ** Math.ceil(Math.log10(target / 4));
  return { top: Math.ceil(target / step) * step, step };
}

/**
 * Draws the chart into `container` (replacing its content) and returns the buckets.
 * `onSelect(bucket)` is called when a week's bar is activated (click, Enter or Space).
 */
export function drawTimeline(container, certs, nowMs, { weeks = 26, onSelect } = {}) {
  const buckets = weeklyExpiry(certs, nowMs, weeks);
  // Drawn at the container's own pixel width, so text keeps its size on a phone.
  const width = Math.max(300, Math.round(container.clientWidth || 760));
  const height = width < 560 ? 190 : 230;
  const m = { top: 14, right: 12, bottom: 30, left: 34 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const max = Math.max(0, ...buckets.map((b) => b.total));
  const { top, step } = niceScale(max);
  const slot = plotW / weeks;
  const barW = Math.max(4, slot * 0.64);
  const y = (v) => m.top + plotH - (v / top) * plotH;

  const total = buckets.reduce((s, b) => s + b.total, 0);
  const busiest = buckets.reduce((best, b) => (b.total > best.total ? b : best), buckets[0]);
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    class: "timeline-svg",
    role: "group",
    "aria-label":
      total === 0
        ? `No certificate in service expires in the next ${weeks} weeks.`
        : `${total} certificates in service expire in the next ${weeks} weeks; the busiest week starts ${fmtDay.format(busiest.start)} with ${busiest.total}.`,
  });

  // Grid and y axis.
  const grid = el("g", { class: "tl-grid", "aria-hidden": "true" });
  for (let v = 0; v <= top; v += step) {
    grid.append(el("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }));
    grid.append(el("text", { x: m.left - 8, y: y(v) + 4, "text-anchor": "end", class: "tl-axis" }, String(v)));
  }
  svg.append(grid);

  // The 30-day line: certificates left of it are `expiring`.
  const x30 = m.left + (30 / 7) * slot;
  svg.append(
    el("line", { x1: x30, x2: x30, y1: m.top - 4, y2: m.top + plotH, class: "tl-marker", "aria-hidden": "true" }),
    el("text", { x: x30 + 5, y: m.top + 6, class: "tl-marker-label", "aria-hidden": "true" }, "30 days"),
  );

  // Bars, stacked in provider order.
  const bars = el("g", { class: "tl-bars" });
  buckets.forEach((b, i) => {
    const x = m.left + i * slot + (slot - barW) / 2;
    const label = `Week of ${fmtDay.format(b.start)}: ${b.total} expiring` +
      (b.total ? ` (${PROVIDERS.filter((p) => b.byProvider[p]).map((p) => `${PROVIDER_NAMES[p]} ${b.byProvider[p]}`).join(", ")})` : "");
    const g = el("g", { class: "tl-week" + (b.total ? " has-data" : ""), "data-week": i });
    if (b.total && onSelect) {
      // One tab stop for the chart: the first week with data; arrow keys move between weeks.
      g.setAttribute("tabindex", bars.querySelector("[tabindex]") ? "-1" : "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", label + ". Enter shows these certificates; arrow keys move between weeks.");
      g.addEventListener("click", () => onSelect(b));
      g.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onSelect(b);
        } else if (["ArrowRight", "ArrowLeft", "Home", "End"].includes(e.key)) {
          e.preventDefault();
          const weeksWithData = [...bars.querySelectorAll(".tl-week[tabindex]")];
          const at = weeksWithData.indexOf(g);
          const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: weeksWithData.length - 1 }[e.key];
          const next = weeksWithData[Math.max(0, Math.min(weeksWithData.length - 1, to))];
          for (const w of weeksWithData) w.setAttribute("tabindex", w === next ? "0" : "-1");
          next.focus();
        }
      });
    }
    g.append(el("title", {}, label));
    // A full-height hit area keeps small bars easy to hover and click.
    g.append(el("rect", { x: m.left + i * slot, y: m.top, width: slot, height: plotH, class: "tl-hit" }));
    let acc = 0;
    const parts = PROVIDERS.filter((p) => b.byProvider[p]);
    parts.forEach((p, j) => {
      const n = b.byProvider[p];
      const y0 = y(acc + n);
      const h = y(acc) - y0;
      const isTop = j === parts.length - 1;
      g.append(
        el(isTop ? "path" : "rect", isTop ? { d: roundedTop(x, y0, barW, h, Math.min(3, h)), class: `tl-bar p-${p}` } : { x, y: y0, width: barW, height: Math.max(0, h - 1), class: `tl-bar p-${p}` }),
      );
      acc += n;
    });
    if (b.total && slot >= 18) g.append(el("text", { x: x + barW / 2, y: y(b.total) - 4, "text-anchor": "middle", class: "tl-value", "aria-hidden": "true" }, String(b.total)));
    bars.append(g);
  });
  svg.append(bars);

  // X axis: a date every 4 weeks.
  const axis = el("g", { "aria-hidden": "true" });
  axis.append(el("line", { x1: m.left, x2: width - m.right, y1: m.top + plotH, y2: m.top + plotH, class: "tl-baseline" }));
  const every = slot * 4 >= 56 ? 4 : 8;
  for (let i = 0; i < weeks; i += every) {
    const x = m.left + i * slot + slot / 2;
    axis.append(el("text", { x, y: height - 10, "text-anchor": "middle", class: "tl-axis" }, i === 0 ? "this week" : fmtDay.format(nowMs + i * 7 * DAY_MS)));
  }
  svg.append(axis);

  container.replaceChildren(svg);
  return buckets;
}

function roundedTop(x, y, w, h, r) {
  if (h <= 0) return "";
  return `M${x},${y + h}V${y + r}Q${x},${y} ${x + r},${y}H${x + w - r}Q${x + w},${y} ${x + w},${y + r}V${y + h}Z`;
}
