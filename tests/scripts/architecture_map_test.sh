#!/usr/bin/env bash
# docs/architecture.md names every source file under src/ (and no file that
# is gone), so the map a newcomer starts from stays true. Files are named by
# their name (`note.h`), or by their path below src/ (`cli/main.cpp`).
#   architecture_map_test.sh REPOSITORY_ROOT
set -euo pipefail
root=$1
map=$root/docs/architecture.md
status=0
count=0
while IFS= read -r f; do
    rel=${f#"$root"/src/}
    name=$(basename "$f")
    count=$((count + 1))
    grep -qF "\`$name\`" "$map" || grep -qF "\`$rel\`" "$map" || grep -qF "\`src/$rel\`" "$map" ||
        { echo "FAIL: docs/architecture.md does not name src/$rel: add it to the table of source files"; status=1; }
done < <(find "$root/src" -type f \( -name '*.h' -o -name '*.cpp' \) | sort)
[ "$count" -gt 10 ] || { echo "FAIL: only $count files in $root/src"; exit 1; }
# Every `name.h` / `name.cpp` the map names exists somewhere under src/.
for name in $(grep -oE '`(src/)?([a-z_]+/)?[a-z_]+\.(h|cpp)`' "$map" | tr -d '`' | sed 's|^src/||' | sort -u); do
    if [[ $name == */* ]]; then
        [ -e "$root/src/$name" ] && continue
    else
        [ -n "$(find "$root/src" -name "$name" -print -quit)" ] && continue
    fi
    echo "FAIL: docs/architecture.md names $name, which is not in src/"
    status=1
done
[ "$status" = 0 ] && echo "ok: docs/architecture.md names all $count source files"
exit "$status"
