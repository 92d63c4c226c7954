"""The mutation operators of `make mutate`, over Python's ast.

One traversal both lists the mutants of a module and builds any one of them, so a mutant is
named by its place in that order. Operators: a comparison flipped or moved across its
boundary, `and`/`or` swapped, a `not` dropped, a number +-1, True/False swapped, a return
value dropped, a raise or a call statement dropped, two neighbouring arguments swapped.
Not mutated: class bodies other than methods, annotations, docstrings, and the inside of
f-strings (message wording is prose, checked by the report tests, not by this tool).
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass
from typing import Any

_COMPARE_SWAPS: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.GtE),
    ast.LtE: (ast.Lt, ast.Gt),
    ast.Gt: (ast.GtE, ast.LtE),
    ast.GtE: (ast.Gt, ast.Lt),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
    ast.In: (ast.NotIn,),
    ast.NotIn: (ast.In,),
    ast.Is: (ast.IsNot,),
    ast.IsNot: (ast.Is,),
}


@dataclass(frozen=True)
class Mutant:
    path: str  # repository-relative, e.g. engine/policy.py
    index: int  # place in the traversal order of the module
    qualname: str  # enclosing function ("<module>" at top level)
    function_lines: tuple[int, int]  # the enclosing function's (or module's) line span
    lines: tuple[int, int]  # the mutated node's line span
    in_body: bool  # inside a function body (else: module level or a default value)
    desc: str
    key: str  # stable name: path::qualname: desc [#n]


def _short(node: ast.AST, limit: int = 90) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Mutator(ast.NodeTransformer):
    def __init__(self, path: str, target: int | None) -> None:
        self.path = path
        self.target = target
        self.count = 0
        self.found: list[Mutant] = []
        self.scope: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.in_func = 0
        self.in_class_body = False
        self.applied = False

    # ---- scopes -------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef) -> Any:
        return self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> Any:
        return self._function(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> Any:
        self.scope.append(node.name)
        self.spans.append((node.lineno, node.end_lineno or node.lineno))
        saved = self.in_class_body
        self.in_class_body = False
        # defaults are evaluated when the function is defined; the body when it runs
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [self.visit(d) if d is not None else None
                                 for d in node.args.kw_defaults]
        self.in_func += 1
        node.body = self._stmts(node.body)
        self.in_func -= 1
        self.in_class_body = saved
        self.scope.pop()
        self.spans.pop()
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> Any:
        self.scope.append(node.name)
        saved = self.in_class_body
        self.in_class_body = True
        node.body = [self.visit(s) if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef
                                                 | ast.ClassDef) else s for s in node.body]
        self.in_class_body = saved
        self.scope.pop()
        return node

    def _stmts(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for s in body:
            if (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                    and isinstance(s.value.value, str)):
                out.append(s)  # docstring
                continue
            r = self.visit(s)
            out.extend(r if isinstance(r, list) else [r])
        return out

    def visit_JoinedStr(self, node: ast.JoinedStr) -> Any:
        return node  # message wording

    def visit_AnnAssign(self, node: ast.AnnAssign) -> Any:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_arg(self, node: ast.arg) -> Any:
        return node  # annotations

    # ---- operators ----------------------------------------------------------------------
    def _offer(self, node: ast.AST, desc: str, make: Any) -> Any:
        """Register one mutant of `node`; return its replacement if it is the target."""
        i = self.count
        self.count += 1
        first = node.lineno if hasattr(node, "lineno") else 0
        last = getattr(node, "end_lineno", None) or first
        span = self.spans[-1] if self.spans else (1, 10**9)
        self.found.append(Mutant(self.path, i, ".".join(self.scope) or "<module>", span,
                                 (first, last), self.in_func > 0, desc, ""))
        if i == self.target:
            self.applied = True
            new = make()
            return ast.copy_location(new, node) if isinstance(new, ast.AST) else new
        return None

    def _done(self, node: ast.AST, offers: list[tuple[str, Any]]) -> Any:
        result = node
        for desc, make in offers:
            r = self._offer(node, desc, make)
            if r is not None:
                result = r
        return result

    def visit_Compare(self, node: ast.Compare) -> Any:
        self.generic_visit(node)
        offers = []
        for i, op in enumerate(node.ops):
            for new_op in _COMPARE_SWAPS.get(type(op), ()):
                def make(i: int = i, new_op: type[ast.cmpop] = new_op) -> ast.AST:
                    n = copy.deepcopy(node)
                    n.ops[i] = new_op()
                    return n
                offers.append((f"`{_short(node)}` -> `{_short(make())}`", make))
        return self._done(node, offers)

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        self.generic_visit(node)
        other = ast.Or if isinstance(node.op, ast.And) else ast.And

        def make() -> ast.AST:
            return ast.BoolOp(op=other(), values=copy.deepcopy(node.values))
        return self._done(node, [(f"`{_short(node)}`: {'and -> or' if other is ast.Or else 'or -> and'}",
                                  make)])

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        self.generic_visit(node)
        if not isinstance(node.op, ast.Not):
            return node
        return self._done(node, [(f"`{_short(node)}`: not dropped", lambda: copy.deepcopy(node.operand))])

    def visit_Constant(self, node: ast.Constant) -> Any:
        v = node.value
        if self.in_class_body and not self.in_func:
            return node
        if isinstance(v, bool):
            return self._done(node, [(f"`{v}` -> `{not v}`", lambda: ast.Constant(not v))])
        if isinstance(v, int | float):
            return self._done(node, [(f"`{v!r}` -> `{v + 1!r}`", lambda: ast.Constant(v + 1)),
                                     (f"`{v!r}` -> `{v - 1!r}`", lambda: ast.Constant(v - 1))])
        return node

    def visit_Return(self, node: ast.Return) -> Any:
        self.generic_visit(node)
        if node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None):
            return node
        return self._done(node, [(f"`{_short(node)}` -> `return None`", lambda: ast.Return(ast.Constant(None)))])

    def visit_Raise(self, node: ast.Raise) -> Any:
        self.generic_visit(node)
        return self._done(node, [(f"`{_short(node)}` dropped", lambda: ast.Pass())])

    def visit_Expr(self, node: ast.Expr) -> Any:
        self.generic_visit(node)
        if not isinstance(node.value, ast.Call):
            return node
        return self._done(node, [(f"call `{_short(node)}` dropped", lambda: ast.Pass())])

    def visit_Call(self, node: ast.Call) -> Any:
        self.generic_visit(node)
        args = node.args
        offers = []
        for i in range(len(args) - 1):
            a, b = args[i], args[i + 1]
            if isinstance(a, ast.Starred) or isinstance(b, ast.Starred) or ast.dump(a) == ast.dump(b):
                continue

            def make(i: int = i) -> ast.AST:
                n = copy.deepcopy(node)
                n.args[i], n.args[i + 1] = n.args[i + 1], n.args[i]
                return n
            offers.append((f"`{_short(node)}`: arguments {i + 1} and {i + 2} swapped", make))
        return self._done(node, offers)


def list_mutants(source: str, path: str) -> list[Mutant]:
    m = _Mutator(path, None)
    m.visit(ast.parse(source))
    seen: dict[str, int] = {}
    out = []
    for x in m.found:
        base = f"{path}::{x.qualname}: {x.desc}"
        seen[base] = seen.get(base, 0) + 1
        key = base if seen[base] == 1 else f"{base} #{seen[base]}"
        out.append(Mutant(x.path, x.index, x.qualname, x.function_lines, x.lines, x.in_body,
                          x.desc, key))
    return out


def mutated_tree(source: str, path: str, index: int) -> ast.Module:
    m = _Mutator(path, index)
    tree = m.visit(ast.parse(source))
    if not m.applied:
        raise LookupError(f"{path} has no mutant #{index}")
    return ast.fix_missing_locations(tree)
