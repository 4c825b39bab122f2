#!/usr/bin/env bash
# The core library is pure (docs/architecture.md): no file I/O, no clock, no
# threads, no terminal, no environment. Its include path holds only its own
# headers, so a command-line header cannot be included by name; this checks
# the standard and system headers and calls that would bring the outside in.
# Usage: core_is_pure_test.sh SRC_CORE_DIR
set -euo pipefail
core=${1:?usage: core_is_pure_test.sh SRC_CORE_DIR}
[ -d "$core" ] || { echo "not a folder: $core"; exit 1; }
ls "$core"/*.cpp >/dev/null 2>&1 || { echo "no sources in $core"; exit 1; }

forbidden_headers='<(filesystem|fstream|iostream|chrono|ctime|thread|mutex|atomic|random|unistd\.h|fcntl\.h|sys/[a-z]+\.h|dirent\.h|cstdlib|stdlib\.h)>'
forbidden_calls='(\bstd::getenv|\bgetenv\(|\bfopen\(|\bisatty\(|\bstd::rand\b|\btime\(|\bfmt::print\b|\bs?printf\(|\bstd::cout\b|\bstd::cerr\b|\bstd::filesystem\b)'

status=0
if grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*$forbidden_headers" "$core"/*.h "$core"/*.cpp; then
    echo "FAIL: the core includes a header of the outside world (above)"
    status=1
fi
# Comments are not code: drop // comments before looking for calls.
if sed -E 's://.*$::' "$core"/*.h "$core"/*.cpp | grep -nE "$forbidden_calls"; then
    echo "FAIL: the core calls into the outside world (above)"
    status=1
fi
# It must also fail when it should: a planted include is caught.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <fstream>\n' > "$probe/probe.cpp"
if ! grep -qE "^[[:space:]]*#[[:space:]]*include[[:space:]]*$forbidden_headers" "$probe/probe.cpp"; then
    echo "FAIL: the check does not catch <fstream>"
    status=1
fi
[ $status -eq 0 ] && echo "core is pure: $(ls "$core"/*.cpp | wc -l) sources checked"
exit $status
