#!/usr/bin/env bash
# Benchmark-only: Lighthouse 12 (npm lighthouse@12.2.3 in bench/node_modules) on the release
# build in dist/, served gzipped by bench/serve_gzip.js, in Debian's headless Chromium.
# Prints, for the mobile preset (slow 4G, 4x CPU slowdown, simulated) and the desktop
# preset, the median of RUNS runs of each category score and of LCP and total blocking time.
# Usage: bench/lighthouse.sh [runs] (default 3). Reports are kept in target/lighthouse/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
PORT=${LIGHTHOUSE_PORT:-8099}
OUT=target/lighthouse
mkdir -p "$OUT"
[ -x bench/node_modules/.bin/lighthouse ] || { echo "lighthouse: bench/node_modules lacks lighthouse (run scripts/bench, which installs it)" >&2; exit 1; }
[ -f dist/index.html ] || { echo "lighthouse: dist/ is not built (trunk build --release)" >&2; exit 1; }

node bench/serve_gzip.js dist "$PORT" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q serving "$OUT/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q serving "$OUT/server.log" || { echo "lighthouse: the gzip server did not start" >&2; cat "$OUT/server.log" >&2; exit 1; }

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
FLAGS="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync"
for preset in mobile desktop; do
  for run in $(seq "$RUNS"); do
    extra=()
    [ "$preset" = desktop ] && extra=(--preset=desktop)
    bench/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT/" "${extra[@]}" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$OUT/$preset-$run.json" --quiet \
      --chrome-flags="$FLAGS" >"$OUT/$preset-$run.log" 2>&1 \
      || { echo "lighthouse: the $preset run $run failed:" >&2; tail -n 20 "$OUT/$preset-$run.log" >&2; exit 1; }
  done
  python3 - "$preset" "$OUT" "$RUNS" <<'PY'
import json, statistics, sys
preset, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
reports = [json.load(open(f"{out}/{preset}-{i}.json")) for i in range(1, runs + 1)]
def med(values):
    values = sorted(values)
    return f"{statistics.median(values):.0f} ({values[0]:.0f}-{values[-1]:.0f})"
cats = {c: [r["categories"][c]["score"] * 100 for r in reports] for c in ("performance", "accessibility", "best-practices", "seo")}
lcp = [r["audits"]["largest-contentful-paint"]["numericValue"] for r in reports]
tbt = [r["audits"]["total-blocking-time"]["numericValue"] for r in reports]
target = "mobile >= 90" if preset == "mobile" else "desktop >= 98"
print(f"Lighthouse 12.2.3, {preset} preset, {runs} runs, median (min-max); target performance {target}")
print("  " + ", ".join(f"{c} {med(v)}" for c, v in cats.items()))
print(f"  LCP {med(lcp)} ms, total blocking time {med(tbt)} ms")
failed = sorted({a["title"] for r in reports for c in ("best-practices", "seo", "accessibility")
                 for ref in r["categories"][c]["auditRefs"] if ref["weight"] > 0
                 for a in [r["audits"][ref["id"]]] if a["score"] is not None and a["score"] < 1})
if failed:
    print("  audits not passed (best practices, SEO, accessibility): " + "; ".join(failed))
PY
done
