# Shared by demo.sh and test.sh: install the missing Debian 12 packages, then build in Release.
# Idempotent: packages already installed are not touched, a built tree is only brought up to date.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FAIRREVIEW_BUILD_DIR:-$REPO_DIR/build}"

PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev libqt6sql6-sqlite libgl-dev libqcustomplot-dev
    libtorch-dev libopenblas0-pthread
    libsqlite3-dev zlib1g-dev
    xvfb xauth
    dataset-fashion-mnist
)
# Test-only (test.sh installs them, demo.sh does not): Python's torch loads the module that
# `fairreview-cli export-model` writes, in tests/app/cli/check_exported_model.py.
TEST_PACKAGES=(python3-torch)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# install_missing_packages [EXTRA_PACKAGE...]: PACKAGES and the extra ones.
install_missing_packages() {
    local wanted=("${PACKAGES[@]}" "$@")
    local missing=()
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "== all ${#wanted[@]} packages present"
        return
    fi
    echo "== installing: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# build_release [TARGET...]: everything when no target is named.
build_release() {
    echo "== building in $BUILD_DIR"
    cmake -S "$REPO_DIR" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
    local targets=()
    [ $# -gt 0 ] && targets=(--target "$@")
    cmake --build "$BUILD_DIR" -j "$(nproc)" "${targets[@]}"
}

# libgomp reads this when it loads; the binaries re-exec themselves too, this saves the re-exec.
export OMP_WAIT_POLICY=PASSIVE
