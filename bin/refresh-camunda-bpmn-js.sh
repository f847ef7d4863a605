#!/usr/bin/env bash
# Refreshes the vendored Camunda 8 BPMN modeler (bpmn.io's camunda-bpmn-js, MIT) that the studio's
# editor loads, so a fresh clone builds and runs with ./mvnw alone (no Node at build time).
#
# Downloads the pinned version's tarball from the npm registry, checks it against the registry's
# dist.integrity (SHA-512), copies the prebuilt files the editor needs into
# src/main/resources/static/vendor/camunda-bpmn-js/ and records each file's SHA-256 in SHA256SUMS
# there. StudioVendorChecksumTest fails when the committed files and SHA256SUMS disagree.
#
# Usage: bin/refresh-camunda-bpmn-js.sh [version]   (default: the pinned one below)
# Needs curl, tar, sha256sum, openssl (or base64 + sha512sum). Set NPM_REGISTRY for a mirror.
set -euo pipefail
version="${1:-5.35.0}"
registry="${NPM_REGISTRY:-https://registry.npmjs.org}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/main/resources/static/vendor/camunda-bpmn-js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The files the editor loads: the Camunda 8 modeler bundle, its stylesheets (the bpmn font is
# embedded in bpmn-embedded.css) and the licence.
files=(
  LICENSE
  dist/camunda-cloud-modeler.production.min.js
  dist/assets/camunda-cloud-modeler.css
  dist/assets/base-modeler.css
  dist/assets/diagram-js.css
  dist/assets/bpmn-js.css
  dist/assets/bpmn-font/css/bpmn-embedded.css
  dist/assets/diagram-js-minimap.css
  dist/assets/properties-panel.css
  dist/assets/color-picker.css
  dist/assets/element-templates.css
  dist/assets/element-template-chooser.css
  dist/assets/popup-menu.css
)

echo "Looking up camunda-bpmn-js@$version at $registry"
curl -fsSL "$registry/camunda-bpmn-js/$version" -o "$work/meta.json"
tarball=$(sed -n 's/.*"tarball"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/meta.json" | head -n1)
integrity=$(sed -n 's/.*"integrity"[[:space:]]*:[[:space:]]*"\(sha512-[^"]*\)".*/\1/p' "$work/meta.json" | head -n1)
if [[ -z "$tarball" || -z "$integrity" ]]; then
  echo "Expected dist.tarball and a sha512 dist.integrity in the registry's answer, but found none" >&2
  exit 1
fi

echo "Downloading $tarball"
curl -fsSL "$tarball" -o "$work/package.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$work/package.tgz" | base64 -w0)"
if [[ "$actual" != "$integrity" ]]; then
  echo "Expected the tarball's integrity to be $integrity (registry), but it is $actual: not using it" >&2
  exit 1
fi
echo "Integrity matches the registry's: $integrity"

tar -xzf "$work/package.tgz" -C "$work"
rm -rf "$target"
mkdir -p "$target"
for file in "${files[@]}"; do
  # dist/ is flattened away: the stylesheets' relative @imports keep working under assets/.
  destination="$target/${file#dist/}"
  mkdir -p "$(dirname "$destination")"
  cp "$work/package/$file" "$destination"
done
printf '%s\n' "$version" > "$target/VERSION"
(cd "$target" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "Copied ${#files[@]} files of camunda-bpmn-js $version to ${target#$root/}; checksums in SHA256SUMS"
