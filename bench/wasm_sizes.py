#!/usr/bin/env python3
"""Code size of a wasm module by crate, from its name section (no dependencies).

Usage: wasm_sizes.py MODULE.wasm [MODULE.wasm ...] [--top N] [--functions N]

Reads the code section (bytes per function body) and the "name" custom section (function
names, Rust-mangled or demangled), groups functions by the crate their name starts with,
and prints the largest crates, the data segments' total, and optionally the largest
functions. Run it on the module cargo built (target/wasm32-unknown-unknown/release/*.wasm),
which still has its names; the shipped module in dist/ has none.
"""
import re
import sys
from collections import defaultdict


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = leb(data, pos + 1)
        yield sid, data[pos:pos + size]
        pos += size


def demangle(name):
    """Best-effort legacy (_ZN...E) Rust demangling to a path; v0 and plain names kept."""
    if name.startswith("_ZN"):
        parts, pos = [], 3
        while pos < len(name) and name[pos].isdigit():
            m = re.match(r"\d+", name[pos:])
            n = int(m.group(0))
            pos += len(m.group(0))
            parts.append(name[pos:pos + n])
            pos += n
        if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
            parts.pop()
        path = "::".join(parts)
        for a, b in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"),
                     ("$C$", ","), ("..", "::"), ("$u7b$", "{"), ("$u7d$", "}")):
            path = path.replace(a, b)
        return path
    return name


def crate_of(path):
    if path.startswith("_R"):
        # v0 mangling: the first crate root, C[s<disambiguator>_]<length><name>.
        m = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)", path)
        if m:
            start = m.end()
            return path[start:start + int(m.group(1))].lstrip("_")
        return "?"
    path = path.lstrip("_")
    # <T as trait::path>: a generic or primitive self type belongs to the trait's crate.
    m = re.match(r"<(?:&|\*|mut |const |dyn |impl |\s)*([A-Za-z_][A-Za-z0-9_]*)(\S*) as ([A-Za-z_][A-Za-z0-9_]*)::", path)
    if m and not m.group(2).startswith("::"):
        return m.group(3)
    path = path.lstrip("<&* ")
    path = re.sub(r"^(impl |dyn |mut )", "", path)
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", path)
    return m.group(0) if m else "?"


def main():
    args = sys.argv[1:]
    top = int(args[args.index("--top") + 1]) if "--top" in args else 25
    nfun = int(args[args.index("--functions") + 1]) if "--functions" in args else 0
    for module in [a for i, a in enumerate(args) if a.endswith(".wasm")]:
        report(module, top, nfun)


def report(module, top, nfun):
    data = open(module, "rb").read()
    imports = 0
    bodies = []
    names = {}
    data_bytes = 0
    for sid, body in sections(data):
        if sid == 2:
            count, pos = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    n, pos = leb(body, pos)
                    pos += n
                kind = body[pos]
                pos += 1
                if kind == 0:
                    _, pos = leb(body, pos)
                    imports += 1
                elif kind == 1:
                    pos += 1
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif kind == 2:
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif kind == 3:
                    pos += 2
                else:
                    _, pos = leb(body, pos)
        elif sid == 10:
            count, pos = leb(body, 0)
            for _ in range(count):
                size, pos = leb(body, pos)
                bodies.append(size)
                pos += size
        elif sid == 11:
            data_bytes = len(body)
        elif sid == 0:
            n, pos = leb(body, 0)
            if body[pos:pos + n] != b"name":
                continue
            pos += n
            while pos < len(body):
                sub = body[pos]
                size, pos = leb(body, pos + 1)
                end = pos + size
                if sub == 1:
                    count, p = leb(body, pos)
                    for _ in range(count):
                        idx, p = leb(body, p)
                        n, p = leb(body, p)
                        names[idx] = body[p:p + n].decode("utf-8", "replace")
                        p += n
                pos = end
    by_crate = defaultdict(int)
    funcs = []
    for i, size in enumerate(bodies):
        name = demangle(names.get(imports + i, f"func{imports + i}"))
        by_crate[crate_of(name)] += size
        funcs.append((size, name))
    code = sum(bodies)
    print(f"{module}: {len(data):,} bytes; code {code:,} in {len(bodies):,} functions; data {data_bytes:,}")
    for crate, size in sorted(by_crate.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {size:>10,}  {100 * size / code:5.1f}%  {crate}")
    for size, name in sorted(funcs, reverse=True)[:nfun]:
        print(f"  {size:>10,}  {name[:150]}")


if __name__ == "__main__":
    main()
