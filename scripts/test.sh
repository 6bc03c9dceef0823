#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite (GUI tests offscreen).
source "$(dirname "$0")/common.sh"
install_missing_packages "${TEST_PACKAGES[@]}"
build_release
export QT_QPA_PLATFORM=offscreen
cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)" --timeout 900 "$@"
