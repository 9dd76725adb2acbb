#!/usr/bin/env python3
# Role: checks that every public declaration of the library modules (Sources/Embed*) carries a `///` comment
# right above it (attributes in between allowed). Prints each undocumented one as file:line and exits 1.
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parents[2]
decl = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public|open)\s+(?:(?:static|final|override|mutating|nonisolated|convenience|required|indirect|private\(set\)|fileprivate\(set\)|internal\(set\))\s+)*'
                  r'(?:func|var|let|init|struct|class|enum|protocol|typealias|case|subscript|actor)\b')
missing = []
for path in sorted(root.glob('Sources/Embed*/**/*.swift')):
    lines = path.read_text(encoding='utf-8').split('\n')
    for i, line in enumerate(lines):
        if not decl.match(line):
            continue
        j = i - 1
        while j >= 0 and re.match(r'^\s*@\w+', lines[j]):
            j -= 1
        if j < 0 or not lines[j].strip().startswith('///'):
            missing.append(f'{path.relative_to(root)}:{i + 1}: {line.strip()}')
for m in missing:
    print(m)
print(f'{len(missing)} public declarations without a /// comment', file=sys.stderr)
sys.exit(1 if missing else 0)
