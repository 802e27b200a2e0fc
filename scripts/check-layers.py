#!/usr/bin/env python3
"""Layers that point one way: each folder ("room") of src/ may include only the rooms below it.

    app -> web, jobs -> service -> store, mail, render -> domain (and resources, alloc)

Run by CTest (test `layers`) on src/: it fails, naming the file and the line, when an include goes
the wrong way. `--self-test` plants a wrong include in a temporary copy of two rooms and checks
that it is refused (CTest test `layers.self_test`). The CMake libraries follow the same rooms, each
linking only the rooms it may use.
"""
import os
import re
import sys
import tempfile

# Every room, and the rooms it may include besides itself.
ALLOWED = {
    "resources": set(),
    "domain": set(),
    "alloc": set(),
    "store": {"domain", "resources"},
    "render": {"domain", "resources"},
    "mail": {"render", "store", "domain"},
    "service": {"mail", "render", "store", "domain", "alloc"},
    "jobs": {"service", "mail", "render", "store", "domain"},
    "web": {"service", "mail", "render", "store", "domain"},
    "app": {"web", "jobs", "service", "mail", "render", "store", "domain", "resources", "alloc"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')


def violations(src):
    found = []
    for room in sorted(os.listdir(src)):
        path = os.path.join(src, room)
        if not os.path.isdir(path):
            continue
        if room not in ALLOWED:
            found.append(f"{room}/: a room that scripts/check-layers.py does not know; add it to ALLOWED")
            continue
        for folder, _, files in os.walk(path):
            for name in sorted(files):
                if not name.endswith((".hpp", ".cpp", ".h")):
                    continue
                file = os.path.join(folder, name)
                with open(file, encoding="utf-8") as text:
                    for number, line in enumerate(text, 1):
                        m = INCLUDE.match(line)
                        if m and m.group(1) != room and m.group(1) not in ALLOWED[room]:
                            found.append(f"{os.path.relpath(file, src)}:{number}: {room} may not include "
                                         f"{m.group(1)}/ (allowed: {', '.join(sorted(ALLOWED[room])) or 'nothing'})")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        for room, text in {"store": '#include "domain/text.hpp"\n', "domain": '#include "domain/text.hpp"\n'}.items():
            os.makedirs(os.path.join(tmp, room))
            with open(os.path.join(tmp, room, "ok.hpp"), "w") as out:
                out.write(text)
        if violations(tmp):
            print("layers self-test: a correct tree was refused")
            return 1
        with open(os.path.join(tmp, "domain", "wrong.cpp"), "w") as out:
            out.write('#include "store/database.hpp"\n')
        found = violations(tmp)
        if len(found) != 1 or "domain/wrong.cpp:1: domain may not include store/" not in found[0]:
            print("layers self-test: a wrong include was not refused:", found)
            return 1
        print("layers self-test: refused as expected:", found[0])
    return 0


def main():
    if "--self-test" in sys.argv:
        return self_test()
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")
    found = violations(src)
    for line in found:
        print(line)
    print(f"layers: {len(found)} include(s) pointing the wrong way" if found else "layers: every include points down")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
