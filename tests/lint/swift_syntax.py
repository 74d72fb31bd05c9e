"""Parses each Swift file given with tree-sitter's Swift grammar and prints every syntax error.

Swift cannot be compiled on Linux CI here (no Xcode), so this catches what a merge or an edit can
break without a compiler: unbalanced braces, a declaration cut in half, a stray token. It knows no
types: a well-formed call to a function that does not exist still passes (the macOS workflow's
build is the real check). Exit status: the number of files with errors (0 = all parse).
"""

import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

parser = Parser(Language(tree_sitter_swift.language()))


def problems(node):
    """ERROR and MISSING nodes under `node`, outermost first."""
    if node.is_error or node.is_missing:
        yield node
        return
    if node.has_error:
        for child in node.children:
            yield from problems(child)


bad = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        tree = parser.parse(f.read())
    found = list(problems(tree.root_node))
    for node in found:
        kind = "missing " + node.type if node.is_missing else "syntax error"
        line, column = node.start_point
        print(f"{path}:{line + 1}:{column + 1}: {kind}")
    bad += bool(found)
sys.exit(min(bad, 100))
