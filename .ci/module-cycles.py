#!/usr/bin/env python3
"""The module graph of src/ from its `crate::` and `super::` paths (comments and test modules
left out), at the grain of top-level modules and of domain's submodules. Prints the top-level
edges and any cycle; exits 1 when there is one (issue 13, point 6: no module cycles)."""
import os, re, sys, itertools
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
TOP = [d for d in os.listdir(root) if d.endswith('.rs') or os.path.isdir(os.path.join(root, d))]
TOP = sorted({d[:-3] if d.endswith('.rs') else d for d in TOP} - {'main', 'lib'})
def node_of(path):
    rel = os.path.relpath(path, root)[:-3].split(os.sep)
    if rel[0] in ('main', 'lib'): return None
    if rel[0] == 'domain' and len(rel) > 1 and rel[1] != 'mod': return 'domain::' + rel[1]
    return rel[0]
def strip_tests(text):
    # drop #[cfg(test)] mod tests { ... } blocks (test code may use anything)
    i = text.find('#[cfg(test)]')
    return text if i < 0 else text[:i]
edges = {}
for dp, _, fs in os.walk(root):
    for f in fs:
        if not f.endswith('.rs'): continue
        p = os.path.join(dp, f); n = node_of(p)
        if n is None: continue
        text = strip_tests(open(p, encoding='utf-8').read())
        text = re.sub(r'//[^\n]*', '', text)
        # paths: crate::a::b, and `use crate::{a, b::c}` groups; also super:: within domain
        for m in re.finditer(r'crate::(\{[^;]*?\}|[a-z_0-9]+(?:::[a-z_0-9]+)?)', text, re.S):
            g = m.group(1)
            parts = re.findall(r'([a-z_0-9]+)(?:::([a-z_0-9]+))?', g) if g.startswith('{') else [tuple((g.split('::') + [''])[:2])]
            for a, b in parts:
                t = ('domain::' + b) if a == 'domain' and b and os.path.exists(os.path.join(root, 'domain', b + '.rs')) else a
                if a not in TOP: continue
                if t != n: edges.setdefault(n, set()).add(t)
        if n.startswith('domain::'):
            for m in re.finditer(r'super::([a-z_0-9]+)', text):
                b = m.group(1)
                if os.path.exists(os.path.join(root, 'domain', b + '.rs')) and 'domain::' + b != n:
                    edges.setdefault(n, set()).add('domain::' + b)
# top-level graph: collapse domain::x to domain
def top(x): return x.split('::')[0]
def sccs(g):
    idx, low, st, on, out, c = {}, {}, [], set(), [], [0]
    nodes = set(g) | {v for vs in g.values() for v in vs}
    def dfs(v):
        idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
        for w in g.get(v, ()):
            if w not in idx: dfs(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], idx[w])
        if low[v] == idx[v]:
            comp = []
            while True:
                w = st.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in idx: dfs(v)
    return out
tg = {}
for a, bs in edges.items():
    for b in bs:
        if top(a) != top(b): tg.setdefault(top(a), set()).add(top(b))
dg = {a: {b for b in bs if b.startswith('domain::')} for a, bs in edges.items() if a.startswith('domain::')}
print('top-level edges:')
for a in sorted(tg): print(f'  {a} -> {", ".join(sorted(tg[a]))}')
print('top-level cycles:', sccs(tg) or 'none')
print('domain submodule cycles:', sccs(dg) or 'none')
cycles = sccs(tg) + sccs(dg)
for comp in cycles:
    for a in comp:
        for b in sorted((tg if '::' not in a else dg).get(a, ())):
            if b in comp: print(f'    {a} -> {b}')
sys.exit(1 if cycles else 0)
