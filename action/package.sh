#!/usr/bin/env bash
# Builds the Azure DevOps extension: <out>/extension/ holds vss-extension.json and task/ (task.json, index.js and
# bin/linux-x64/ambassador-canary); <out>/ambassador-canary-task.zip measures it, and <out>/*.vsix is made when tfx
# is on PATH. Fails when the package passes 25 MB.
# usage: action/package.sh [out-dir]      (default action/dist, ignored by git)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/action/dist}
dist="$out/extension"
limit=$((25 * 1024 * 1024))

publish=$(mktemp -d)
trap 'rm -rf "$publish"' EXIT
project="$root/src/AmbassadorCanary/AmbassadorCanary.csproj"
# Trim/AOT warnings (Octokit's reflection) are gated by the build, not here: as in the Dockerfile, they must not stop
# a release package from being made.
common=(--configuration Release --runtime linux-x64 --output "$publish" -p:DebugType=none -p:TreatWarningsAsErrors=false)

echo "== publishing linux-x64 (Native AOT)"
if dotnet publish "$project" "${common[@]}" -p:StripSymbols=true; then
  mode="native AOT"
else
  # Where the AOT toolchain (clang, linker) is missing: a trimmed self-contained single file, larger but equivalent.
  echo "== AOT publish failed; publishing self-contained single-file instead"
  dotnet publish "$project" "${common[@]}" -p:PublishAot=false -p:SelfContained=true -p:PublishSingleFile=true \
    -p:PublishTrimmed=true -p:EnableCompressionInSingleFile=true
  mode="self-contained single-file"
fi

rm -rf "$dist"
mkdir -p "$out"
mkdir -p "$dist/task/bin/linux-x64"
cp "$publish/ambassador-canary" "$dist/task/bin/linux-x64/"
chmod 0755 "$dist/task/bin/linux-x64/ambassador-canary"
cp "$root/action/task/task.json" "$root/action/task/index.js" "$dist/task/"
cp "$root/action/vss-extension.json" "$dist/"

# A .vsix is a zip; measuring our own deflated zip tells the size before tfx is involved.
zipfile="$out/ambassador-canary-task.zip"
rm -f "$zipfile"
(cd "$dist" && zip -qr -9 "$zipfile" .)
binary_bytes=$(stat -c %s "$dist/task/bin/linux-x64/ambassador-canary")
package_bytes=$(stat -c %s "$zipfile")
echo "binary ($mode): $binary_bytes bytes; package (zip): $package_bytes bytes; limit: $limit bytes"

if command -v tfx >/dev/null 2>&1; then
  tfx extension create --root "$dist" --manifest-globs vss-extension.json --output-path "$out" --no-prompt
  vsix=$(ls -t "$out"/*.vsix | head -1)
  package_bytes=$(stat -c %s "$vsix")
  echo "vsix: $vsix, $package_bytes bytes"
fi

if [ "$package_bytes" -gt "$limit" ]; then
  echo "package is over the 25 MB Marketplace limit"
  exit 1
fi
