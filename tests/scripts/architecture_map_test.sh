#!/usr/bin/env bash
# docs/architecture.md names every source file of src/ (and no file that is
# gone), so the map a newcomer starts from stays true.
#   architecture_map_test.sh REPOSITORY_ROOT
set -euo pipefail
root=$1
map=$root/docs/architecture.md
status=0
count=0
for f in "$root"/src/*.h "$root"/src/*.cpp; do
    name=$(basename "$f")
    count=$((count + 1))
    grep -qF "\`$name\`" "$map" || { echo "FAIL: docs/architecture.md does not name src/$name: add it to the table of source files"; status=1; }
done
[ "$count" -gt 10 ] || { echo "FAIL: only $count files in $root/src"; exit 1; }
# Every `name.h` / `name.cpp` the map names exists.
for name in $(grep -oE '`[a-z_]+\.(h|cpp)`' "$map" | tr -d '`' | sort -u); do
    [ -e "$root/src/$name" ] || { echo "FAIL: docs/architecture.md names src/$name, which does not exist"; status=1; }
done
[ "$status" = 0 ] && echo "ok: docs/architecture.md names all $count source files"
exit "$status"
