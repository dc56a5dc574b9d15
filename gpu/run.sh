#!/bin/bash
# On the bare GPU machine (the device tool; carry gpu/out and .gl): unpack the Vulkan loader, node
# (if the machine has none) and Dawn, then run the harness; JSON lines go to $OUT/gpu.jsonl and the
# whole output to $OUT/gpu.log. Ends within ~6 minutes (the harness is stopped at T seconds, 320).
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${OUT:-/tmp/gpu-out}
mkdir -p "$OUT"
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f "$ICD" ] && export VK_DRIVER_FILES=$ICD
export XDG_RUNTIME_DIR=/tmp
{ nvidia-smi -L; nproc; } 2>&1 | tee "$OUT/gpu.log"
B=gpu/out
unxz() { python3 -c "import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2],'wb'))" "$1" "$2"; }
N=$(command -v node || true)
if [ -z "$N" ]; then unxz "$B/node.xz" /tmp/node && chmod +x /tmp/node && N=/tmp/node; fi
[ -f "$B/dawn.node.xz" ] && unxz "$B/dawn.node.xz" "$B/node_modules/webgpu/dist/linux-x64/dawn.node"
"$N" --version
cd "$B"
OUT="$OUT" GPU=${GPU:-webgpu} BUDGET=${BUDGET:-1200} DATA_DIR="$ROOT/public/data" timeout "${T:-320}" "$N" harness.mjs 2>&1 | grep -v 'tfjs-node\|=====\|^$\|Hi, looks like' | tee -a "$OUT/gpu.log"
echo "exit ${PIPESTATUS[0]}" | tee -a "$OUT/gpu.log"
