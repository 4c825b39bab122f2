#!/usr/bin/env bash
# `cmake --install` installs a working binary, and `cpack -G DEB` builds a
# Debian package holding it (where dpkg-deb is available).
# Usage: install_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$(realpath "$1")
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
[ -x "$work/prefix/bin/touchbase" ] || fail "cmake --install did not install bin/touchbase"
[ "$("$work/prefix/bin/touchbase" --version)" = "touchbase $version" ] || fail "the installed binary's --version"

if command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
    (cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >/dev/null) || fail "cpack -G DEB failed"
    deb=$(find "$work/pkg" -maxdepth 1 -name 'touchbase_*.deb' | head -n 1)
    [ -n "$deb" ] || fail "cpack made no .deb"
    dpkg-deb --contents "$deb" | grep -q '/bin/touchbase$' || fail "the package holds no bin/touchbase"
    [ "$(dpkg-deb --field "$deb" Package)" = touchbase ] || fail "package name"
    [ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || fail "package version"
    dpkg-deb --field "$deb" Depends | grep -q libyaml-cpp || fail "the package does not depend on yaml-cpp"
fi
echo "ok"
