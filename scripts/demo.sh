#!/usr/bin/env bash
# Install what is missing, build, and start FairReview on the bundled demo (Arrests) data.
source "$(dirname "$0")/common.sh"
install_missing_packages
build_release fairreview
APP="$BUILD_DIR/app/gui/fairreview"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$APP" --demo "$@"
fi
# No screen (a server, a container): render the window to a picture instead of failing.
SHOT="$BUILD_DIR/demo-screenshot.png"
echo "== no display found: rendering the demo window to $SHOT"
xvfb-run -a -s "-screen 0 1600x1000x24" "$APP" --demo --screenshot "$SHOT" --after-rounds 3 "$@"
echo "== screenshot written: $SHOT"
