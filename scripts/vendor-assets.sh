#!/usr/bin/env bash
# Vendor Minga's front-end libraries from the npm registry, reproducibly.
#
#   scripts/vendor-assets.sh
#
# Run by developers when a pinned version changes (not by `make demo` / `make test`); the files it writes under
# src/minga/static/vendor/ are committed. It installs the exact versions pinned below into a temporary directory
# (`npm install`, no lifecycle scripts), checks each package's tarball integrity against the pin, copies only the
# built browser files and the licence files, and regenerates src/minga/static/vendor/PROVENANCE.md (sizes and
# sha256 of every file). Running it twice gives identical files. Only the directories it manages are replaced;
# anything else under static/vendor/ is left alone.
#
# To upgrade a library: change its version and integrity below (`npm view NAME@VERSION dist.integrity`), move
# NPM_BEFORE past the new version's publication date, re-run, check the pages in a browser, and commit the script
# together with the changed files.
#
# Requires: bash, node and npm (any recent npm), sha256sum, network access to the npm registry.
set -euo pipefail

# npm resolves the (unpinned) transitive dependencies as the registry stood at this instant (`npm install --before`),
# so the generated THIRD-PARTY-LICENSES.txt files do not change from run to run.
NPM_BEFORE="2026-11-28T00:00:00Z"

# name | exact version | npm dist.integrity of the tarball | SPDX licence of the package
PINS=(
  "leaflet|1.9.4|sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==|BSD-2-Clause"
  "leaflet.markercluster|1.5.3|sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==|MIT"
  "htmx.org|2.0.11|sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA==|0BSD"
  "vega|6.4.0|sha512-rHXCq2LpEWCLMjXBEj7hocY9G0/i5TGYRayGGSj06VTF4+l2IG2Z7oeZKCjWbUh/7hTE/mVhbaOPB72wCElh6g==|BSD-3-Clause"
  "vega-lite|6.5.0|sha512-fMXF6s0MrIg0UTWnLIfeFtgSLzVhyzSKobzGrh5rhS+mL6FOYFG3m7ouJ4U23gj65EK+gl9FIIT5w7wLNaAzkA==|BSD-3-Clause"
  "vega-embed|7.3.0|sha512-wQ8s5GaSzqoKgmRfbRolgBrjE2CP7ZKHXqH7NijxMqPjpdWxSs4Dn8tvp9g0giQvh2cK+3p56sxjWWM0wNngGw==|BSD-3-Clause"
  "axe-core|4.14.1|sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==|MPL-2.0"
  "topojson-client|3.1.0|sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==|ISC"
  "cytoscape|3.35.0|sha512-sMvBIXiGMnhkCaWz2R06FwF/27MNlS+Tqvi17foO9UhnUg3XGZccKjxsvEqQFAQYMSSZmN5SxYzUYlQ0DOJJ3g==|MIT"
  "world-atlas|2.0.2|sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==|ISC"
)

# Files copied from each package (paths inside the package; a trailing /* copies a directory's files).
# Only minified browser builds (UMD: they define globals when loaded with a plain <script>), CSS, images and the
# licence files; no source maps, no ES modules, no TypeScript declarations.
files_of() {
  case "$1" in
    leaflet) echo "dist/leaflet.js dist/leaflet.css dist/images/* LICENSE" ;;
    leaflet.markercluster)
      echo "dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css MIT-LICENCE.txt" ;;
    htmx.org) echo "dist/htmx.min.js LICENSE" ;;
    # build/vega.min.js is the full bundle (d3 etc. inlined); build/vega-core.min.js would need d3 as globals.
    vega) echo "build/vega.min.js LICENSE" ;;
    vega-lite) echo "build/vega-lite.min.js LICENSE" ;;          # UMD: needs the global `vega`
    vega-embed) echo "build/vega-embed.min.js LICENSE" ;;        # UMD: needs the globals `vega` and `vegaLite`
    axe-core) echo "axe.min.js LICENSE LICENSE-3RD-PARTY.txt" ;;
    topojson-client) echo "dist/topojson-client.min.js LICENSE" ;;
    cytoscape) echo "dist/cytoscape.min.js LICENSE" ;;
    # Natural Earth 1:110m countries and land for the base map (countries-50m.json lives in minga/data/).
    world-atlas) echo "countries-110m.json land-110m.json LICENSE" ;;
    *) echo "files_of: unknown package $1" >&2; return 1 ;;
  esac
}

# Bundles that inline their own npm dependencies: these get a THIRD-PARTY-LICENSES.txt with the licences of their
# (transitive, production) dependencies.
BUNDLES_WITH_DEPENDENCIES=(vega vega-lite vega-embed)
# Dependencies used only by the packages' command-line tools, not inlined in the browser bundles (checked by
# searching the bundles): d3-dsv's and d3-geo-projection's CLIs (commander, rw, iconv-lite), vega-lite's (yargs).
# Their dependency subtrees are left out of THIRD-PARTY-LICENSES.txt.
CLI_ONLY_DEPENDENCIES="commander rw iconv-lite yargs"

what_of() {
  case "$1" in
    leaflet) echo "interactive map" ;;
    leaflet.markercluster) echo "marker clustering for Leaflet" ;;
    htmx.org) echo "HTML-over-the-wire interactions" ;;
    vega) echo "chart runtime (full bundle)" ;;
    vega-lite) echo "chart grammar compiled to Vega" ;;
    vega-embed) echo "embeds Vega / Vega-Lite charts (with tooltips, themes)" ;;
    axe-core) echo "accessibility checks (WCAG) in the browser" ;;
    topojson-client) echo "TopoJSON to GeoJSON in the browser" ;;
    cytoscape) echo "network graphs (the ecosystem view)" ;;
    world-atlas) echo "Natural Earth 1:110m countries and land (TopoJSON), base map" ;;
  esac
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/src/minga/static/vendor"
export LC_ALL=C

for tool in node npm sha256sum; do
  command -v "$tool" >/dev/null || { echo "vendor-assets: $tool is required" >&2; exit 1; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/minga-vendor.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# 1. Install the exact pins into the temporary directory (no lifecycle scripts run).
{
  echo '{"name": "minga-vendor", "private": true, "dependencies": {'
  sep=""
  for pin in "${PINS[@]}"; do
    IFS='|' read -r name version _ _ <<<"$pin"
    printf '%s  "%s": "%s"' "$sep" "$name" "$version"
    sep=$',\n'
  done
  printf '\n}}\n'
} >"$TMP/package.json"
echo "vendor-assets: npm install into $TMP"
(cd "$TMP" && npm install --before="$NPM_BEFORE" --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)

# 2. Check that npm installed exactly the pinned tarballs.
for pin in "${PINS[@]}"; do
  IFS='|' read -r name version integrity _ <<<"$pin"
  got="$(node -e '
    const lock = require(process.argv[1] + "/package-lock.json");
    const p = lock.packages["node_modules/" + process.argv[2]] || {};
    console.log(`${p.version}|${p.integrity}`);' "$TMP" "$name")"
  if [[ "$got" != "$version|$integrity" ]]; then
    echo "vendor-assets: $name: expected $version|$integrity, npm installed $got" >&2
    exit 1
  fi
done

# 3. Copy the browser files and licences into a staging tree.
STAGE="$TMP/stage"
for pin in "${PINS[@]}"; do
  IFS='|' read -r name _ _ _ <<<"$pin"
  src="$TMP/node_modules/$name"
  dest="$STAGE/$name"
  for rel in $(files_of "$name"); do
    if [[ "$rel" == */\* ]]; then
      sub="${rel%/\*}"
      found=0
      for f in "$src/$sub"/*; do
        [[ -f "$f" ]] || continue
        install -D -m 0644 "$f" "$dest/$(basename "$sub")/$(basename "$f")"
        found=1
      done
      [[ $found == 1 ]] || { echo "vendor-assets: $name: nothing in $sub/" >&2; exit 1; }
    else
      [[ -f "$src/$rel" ]] || { echo "vendor-assets: $name: missing $rel" >&2; exit 1; }
      install -D -m 0644 "$src/$rel" "$dest/$(basename "$rel")"
    fi
  done
done

# world-atlas: the geometry comes from Natural Earth (public domain); say so next to the package's ISC licence.
cat >>"$STAGE/world-atlas/LICENSE" <<'EOF'

----------------------------------------------------------------------------------------------------------------
The lines above are the licence of the npm package world-atlas 2.0.2 (ISC), copied unchanged.
The geometry in countries-110m.json and land-110m.json is derived from Natural Earth vector data, version 4.1.0
(https://www.naturalearthdata.com/), which Natural Earth places in the public domain
(https://www.naturalearthdata.com/about/terms-of-use/).
EOF

# Licences of the dependencies inlined into the Vega bundles, grouped by identical licence text.
for name in "${BUNDLES_WITH_DEPENDENCIES[@]}"; do
  node - "$TMP" "$name" "$CLI_ONLY_DEPENDENCIES" >"$STAGE/$name/THIRD-PARTY-LICENSES.txt" <<'EOF'
const fs = require("fs"), path = require("path");
const [root, top, cliOnly] = process.argv.slice(2);
const skip = new Set(cliOnly.split(" "));
const lock = require(path.join(root, "package-lock.json")).packages;
// Resolve a dependency the way Node does: nearest node_modules upwards from the requiring package.
function resolve(from, dep) {
  let dir = from;
  for (;;) {
    const key = (dir ? dir + "/" : "") + "node_modules/" + dep;
    if (lock[key]) return key;
    if (!dir) return null;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}
const seen = new Set(), queue = ["node_modules/" + top];
while (queue.length) {
  const key = queue.shift();
  for (const dep of Object.keys(lock[key].dependencies || {})) {
    const k = resolve(key, dep);
    if (k && !seen.has(k) && !skip.has(dep) && !dep.startsWith("@types/")) { seen.add(k); queue.push(k); }
  }
}
const groups = new Map(), done = new Set();
for (const key of [...seen].sort()) {
  const dir = path.join(root, key);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const file = fs.readdirSync(dir).sort().find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  const text = file ? fs.readFileSync(path.join(dir, file), "utf8").replace(/\r\n/g, "\n").trim()
                    : `(no licence file in the package; package.json declares: ${pkg.license})`;
  const id = `${pkg.name}@${pkg.version} (${pkg.license})`;
  if (done.has(id)) continue;
  done.add(id);
  if (!groups.has(text)) groups.set(text, []);
  groups.get(text).push(id);
}
for (const pkgs of groups.values()) pkgs.sort();
const rule = "-".repeat(100);
const out = [
  `Licences of the npm packages that ${top}'s browser bundle may inline: the transitive production dependencies`,
  `of ${top} as resolved by scripts/vendor-assets.sh, less those used only by command-line tools (${cliOnly}).`,
  "The bundle was built by its publisher, possibly against other patch versions of these packages; the list may",
  "name a few packages that tree-shaking dropped. Packages with identical licence text are grouped.",
  `${top}'s own licence is in LICENSE next to this file.`,
];
for (const [text, pkgs] of groups) out.push("", rule, pkgs.join("\n"), rule, "", text);
process.stdout.write(out.join("\n") + "\n");
EOF
done

# 4. Replace the managed directories under static/vendor/ with the staged ones.
mkdir -p "$VENDOR"
for pin in "${PINS[@]}"; do
  IFS='|' read -r name _ _ _ <<<"$pin"
  rm -rf "${VENDOR:?}/$name"
  cp -R "$STAGE/$name" "$VENDOR/$name"
done

# 5. PROVENANCE.md: packages, then every file with its size and sha256.
{
  cat <<'EOF'
# Vendored browser libraries (served by Minga itself; no CDN)

Generated by `scripts/vendor-assets.sh`; do not edit by hand. The script installs the exact versions below from the
npm registry into a temporary directory (`npm install --ignore-scripts`), checks each tarball against the pinned
integrity, and copies the listed files unchanged (only `world-atlas/LICENSE` has a note about Natural Earth
appended). To upgrade, change the pins in the script and run it again.

## Packages

| directory | npm package | version | license (SPDX) | purpose | tarball integrity |
|---|---|---|---|---|---|
EOF
  for pin in "${PINS[@]}"; do
    IFS='|' read -r name version integrity license <<<"$pin"
    if [[ $name == world-atlas ]]; then license="ISC; data: public domain (Natural Earth)"; fi
    printf '| `%s/` | [%s](https://www.npmjs.com/package/%s/v/%s) | %s | %s | %s | `%s` |\n' \
      "$name" "$name" "$name" "$version" "$version" "$license" "$(what_of "$name")" "$integrity"
  done
  cat <<'EOF'

Notes on licences:

- `vega/`, `vega-lite/`, `vega-embed/`: the minified UMD bundles inline their npm dependencies (d3 modules and
  others, mostly ISC, BSD-3-Clause and MIT); each directory's `THIRD-PARTY-LICENSES.txt` holds their licences.
  Load order in a page: `vega.min.js`, `vega-lite.min.js`, then `vega-embed.min.js` (globals `vega`, `vegaLite`,
  `vegaEmbed`).
- `axe-core/` (MPL-2.0): the file is unmodified; its source code form is `axe.js` in the same npm package
  (`npm pack axe-core@VERSION`) and the tag `vVERSION` of https://github.com/dequelabs/axe-core. Its bundled
  third-party licences are in `LICENSE-3RD-PARTY.txt`.
- `world-atlas/`: the package is ISC; the geometry is Natural Earth 4.1.0, public domain. The 1:50m countries are
  in `minga/data/world-atlas/` (package data, not served here).
- Not vendored: source maps, ES-module and unminified builds, `vega-core.min.js`, htmx extensions.

## Files

| file | package | version | license (SPDX) | bytes | sha256 |
|---|---|---|---|---|---|
EOF
  total=0
  for pin in "${PINS[@]}"; do
    IFS='|' read -r name version _ license <<<"$pin"
    while IFS= read -r f; do
      rel="${f#"$VENDOR"/}"
      bytes="$(wc -c <"$f" | tr -d ' ')"
      total=$((total + bytes))
      sum="$(sha256sum "$f" | cut -d' ' -f1)"
      flicense="$license"
      case "$rel" in */THIRD-PARTY-LICENSES.txt | */LICENSE-3RD-PARTY.txt) flicense="(licence texts)" ;; esac
      case "$rel" in world-atlas/*.json) flicense="public domain (Natural Earth); package ISC" ;; esac
      printf '| `%s` | %s | %s | %s | %s | `%s` |\n' "$rel" "$name" "$version" "$flicense" "$bytes" "$sum"
    done < <(find "$VENDOR/$name" -type f | sort)
  done
  echo
  echo "Total: $total bytes."
} >"$TMP/PROVENANCE.md"
cp "$TMP/PROVENANCE.md" "$VENDOR/PROVENANCE.md"

echo "vendor-assets: wrote $VENDOR"
for pin in "${PINS[@]}"; do
  IFS='|' read -r name version _ _ <<<"$pin"
  printf '  %-24s %-8s %s\n' "$name" "$version" "$(du -sh "$VENDOR/$name" | cut -f1)"
done
grep '^Total:' "$VENDOR/PROVENANCE.md" | sed 's/^/  /'
