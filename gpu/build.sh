#!/bin/bash
# Bundle the real-GPU check (gpu/harness.ts) for a bare GPU machine into gpu/out/ (ignored):
#   harness.mjs         the harness with the project's engines and tfjs, bundled by esbuild
#   node_modules/…      the npm package `webgpu` (Dawn for Node) and its dependencies, without binaries
#   dawn.node.xz        its linux-x64 Dawn binary, xz-compressed (gpu/run.sh unpacks it)
#   node.xz             this machine's node binary, xz-compressed (used where the GPU machine has none)
# and checks that the Vulkan/GL loader packages are in .gl/ (the device tool's README). Run from
# anywhere; needs node_modules/webgpu (npm install --save-dev webgpu@0.6.2).
# NO_WEBGPU=1: bundle without it (GPU=none only; to test the bundle on a machine without the package).
set -euo pipefail
cd "$(dirname "$0")/.."
OUTDIR=gpu/out
rm -rf "$OUTDIR"
mkdir -p "$OUTDIR"
node_modules/.bin/esbuild gpu/harness.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile="$OUTDIR/harness.mjs" --external:webgpu --ignore-annotations --log-level=warning \
  --banner:js="import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);"
xzip() { python3 -c "import lzma,shutil,sys; shutil.copyfileobj(open(sys.argv[1],'rb'), lzma.open(sys.argv[2],'wb',preset=6))" "$1" "$2"; }
if [ -f node_modules/webgpu/package.json ]; then
  # the package and its runtime dependencies (recursively), minus native binaries
  DEPS=$(node -e '
    const seen = new Set(); const todo = ["webgpu"];
    while (todo.length) { const d = todo.pop(); if (seen.has(d)) continue; seen.add(d);
      const p = require(process.cwd() + "/node_modules/" + d + "/package.json");
      todo.push(...Object.keys(p.dependencies || {})); }
    console.log([...seen].join(" "));')
  for d in $DEPS; do
    mkdir -p "$OUTDIR/node_modules/$d"
    (cd "node_modules/$d" && find . -type f ! -name '*.node' ! -path './node_modules/*' -print0 | xargs -0 -I{} cp --parents {} "../../$OUTDIR/node_modules/$d/") 2>/dev/null || cp -r "node_modules/$d/." "$OUTDIR/node_modules/$d/"
  done
  find "$OUTDIR/node_modules" -name '*.node' -delete
  # Only linux-x64 runs there: other platforms' libraries (Windows DLLs, ~45 MB) would push the call over its 64 MiB.
  rm -rf "$OUTDIR"/node_modules/webgpu/dist/{win32-*,darwin-*,linux-arm64}
  DAWN=$(ls node_modules/webgpu/dist/linux-x64/dawn.node 2>/dev/null || find node_modules/webgpu -path '*linux-x64*' -name '*.node' | head -1)
  mkdir -p "$OUTDIR/node_modules/webgpu/dist/linux-x64"
  xzip "$DAWN" "$OUTDIR/dawn.node.xz"
  echo "webgpu: $(echo $DEPS | wc -w) package(s), Dawn from $DAWN"
elif [ "${NO_WEBGPU:-}" = 1 ]; then
  echo "node_modules/webgpu is missing: bundled for GPU=none only"
else
  echo "node_modules/webgpu is missing: add it (npm install --save-dev webgpu@0.6.2), or NO_WEBGPU=1 for a CPU-only bundle" >&2
  exit 2
fi
xzip "$(command -v node)" "$OUTDIR/node.xz"
if ! ls .gl/*.deb > /dev/null 2>&1; then
  echo "warning: .gl/ has no Vulkan/GL loader packages; fetch them once (../.library/device/README.md):" >&2
  echo "  echo /.gl/ >>.git/info/exclude; mkdir -p .gl /tmp/amd64/partial; o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'; apt-get \$o update; (cd .gl && apt-get \$o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)" >&2
fi
du -sh "$OUTDIR" .gl 2>/dev/null || du -sh "$OUTDIR"
