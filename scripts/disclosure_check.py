#!/usr/bin/python3
"""Independent checker for the Disclosure target's suppress and audit results.

Written separately from the Swift code (it shares only the JSON formats and the rules as stated
in docs/privacy-rules.md). For every case it recomputes the primary cells from the rules, the
attacker's knowledge, and every hidden cell's interval with scipy's linprog (HiGHS), falling back
to milp when the LP optimum is fractional. It asserts that published values are the true ones,
every cell is present, every primary is hidden, the intervals equal the Swift ones and no
primary breaks the protection.

Usage: /usr/bin/python3 scripts/disclosure_check.py BATCH.json
BATCH.json: {"cases": [{"id": s, "kind": "suppress"|"audit", "request": {...}, "response": {...}}]}
Prints {"cases": n, "failures": [{"id": s, "message": s}, ...]}; exit 0 when there are none.
"""
import json
import math
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

EPS = 1e-6


class Case:
    def __init__(self, request):
        self.cells = request["cells"]
        self.sums = [(s["total"], list(s["of"])) for s in request.get("sums", [])]
        self.min_count = request.get("min_count", 10)
        self.min_group = request.get("min_group", 11)
        self.zeros = request.get("zeros", "publish")
        self.protection = request.get("protection", "exact")
        self.attacker = request.get("attacker", "weak")
        self.smallest = 0 if self.zeros == "suppress" else 1
        self.totals = {t for t, _ in self.sums}

    def small(self, v):
        return self.smallest <= v <= self.min_count - 1

    def complement_sums(self, name):
        v = self.cells[name]
        return [(t, of) for t, of in self.sums if name in of and self.small(self.cells[t] - v)]

    def rule_primaries(self):
        result = set()
        for t, of in self.sums:
            if self.cells[t] < self.min_group:
                result.add(t)
                result.update(of)
        for name, v in self.cells.items():
            if self.small(v) or self.complement_sums(name):
                result.add(name)
        return result

    def prior(self, name, primaries):
        """(lower, upper or None) the attacker knows for a hidden cell."""
        v = self.cells[name]
        if name in primaries:
            lo, hi = 0, None
            if self.small(v):
                lo, hi = self.smallest, self.min_count - 1
            if name in self.totals and v < self.min_group:
                hi = self.min_group - 1 if hi is None else min(hi, self.min_group - 1)
            return lo, hi
        if self.attacker == "strong" and v >= self.min_count:
            return self.min_count, None
        return 0, None

    def facts(self, primaries):
        out = []
        for name in sorted(primaries):
            for _, of in self.complement_sums(name):
                others = [o for o in of if o != name]
                if others:
                    out.append((others, self.smallest, self.min_count - 1))
        return out

    def intervals(self, hidden, primaries):
        names = sorted(hidden)
        col = {n: i for i, n in enumerate(names)}
        n = len(names)
        a_eq, b_eq, a_ub, b_ub = [], [], [], []
        for t, of in self.sums:
            row = np.zeros(n)
            rhs = 0.0
            for name, sign in [(t, 1.0)] + [(o, -1.0) for o in of]:
                if name in col:
                    row[col[name]] += sign
                else:
                    rhs -= sign * self.cells[name]
            if row.any():
                a_eq.append(row)
                b_eq.append(rhs)
        for others, lo, hi in self.facts(primaries):
            row = np.zeros(n)
            const = 0.0
            for o in others:
                if o in col:
                    row[col[o]] = 1.0
                else:
                    const += self.cells[o]
            if row.any():
                a_ub.append(row)
                b_ub.append(hi - const)
                a_ub.append(-row)
                b_ub.append(-(lo - const))
        bounds = [self.prior(name, primaries) for name in names]
        result = {}
        for name in names:
            lo = self.optimise(col[name], n, 1.0, a_eq, b_eq, a_ub, b_ub, bounds)
            hi = self.optimise(col[name], n, -1.0, a_eq, b_eq, a_ub, b_ub, bounds)
            result[name] = [math.ceil(lo - EPS), None if hi is None else math.floor(-hi + EPS)]
        return result

    @staticmethod
    def optimise(index, n, sign, a_eq, b_eq, a_ub, b_ub, bounds):
        c = np.zeros(n)
        c[index] = sign
        res = linprog(
            c,
            A_ub=np.array(a_ub) if a_ub else None,
            b_ub=np.array(b_ub) if b_ub else None,
            A_eq=np.array(a_eq) if a_eq else None,
            b_eq=np.array(b_eq) if b_eq else None,
            bounds=bounds,
            method="highs",
        )
        if res.status == 3:
            return None
        if res.status != 0:
            raise RuntimeError(f"linprog status {res.status}: {res.message}")
        if np.all(np.abs(res.x - np.round(res.x)) <= 1e-7):
            return res.fun
        constraints = []
        if a_eq:
            constraints.append(LinearConstraint(np.array(a_eq), np.array(b_eq), np.array(b_eq)))
        if a_ub:
            constraints.append(LinearConstraint(np.array(a_ub), -np.inf, np.array(b_ub)))
        lb = np.array([b[0] for b in bounds], dtype=float)
        ub = np.array([np.inf if b[1] is None else b[1] for b in bounds], dtype=float)
        res = milp(c, constraints=constraints, integrality=np.ones(n), bounds=Bounds(lb, ub))
        if res.status != 0:
            raise RuntimeError(f"milp status {res.status}: {res.message}")
        return res.fun

    def protected(self, name, interval, primaries):
        lo, hi = interval
        if self.protection == "full" and name in primaries and self.small(self.cells[name]):
            return lo <= self.smallest and (hi is None or hi >= self.min_count - 1)
        return hi is None or lo < hi


def check_suppress(request, response):
    case = Case(request)
    problems = []
    published = response["published"]
    if set(published) != set(case.cells):
        problems.append(f"published cells differ: {sorted(set(published) ^ set(case.cells))}")
    hidden = {name for name, v in published.items() if v is None}
    for name, v in published.items():
        if v is not None and v != case.cells[name]:
            problems.append(f"{name} published as {v}, true value {case.cells[name]}")
    primaries = set(request["primary"]) if "primary" in request else case.rule_primaries()
    labels = response["suppressed"]
    if set(labels) != hidden:
        problems.append("suppressed labels do not match the null cells")
    for name in primaries:
        if labels.get(name) != "primary":
            problems.append(f"rule primary {name} labelled {labels.get(name)}")
    for name, label in labels.items():
        if label == "complementary" and name in primaries:
            problems.append(f"{name} is primary but labelled complementary")
    if case.attacker == "strong":
        for name, label in labels.items():
            if label == "complementary" and case.cells[name] < case.min_count:
                problems.append(f"strong attacker: complementary {name} is below min_count")
    intervals = case.intervals(hidden, primaries)
    problems += compare(intervals, response["intervals"])
    for name in primaries:
        if name in intervals and not case.protected(name, intervals[name], primaries):
            problems.append(f"primary {name} unprotected: {intervals[name]} (value {case.cells[name]})")
    return problems


def check_audit(request, response):
    case = Case(request)
    hidden = set(request["hidden"])
    primaries = set(request.get("primary", []))
    intervals = case.intervals(hidden, primaries)
    problems = compare(intervals, response["intervals"])
    exact = sorted(n for n, (lo, hi) in intervals.items() if lo == hi)
    if exact != sorted(response["exact"]):
        problems.append(f"exact cells {exact} != {sorted(response['exact'])}")
    safe = all(case.protected(n, intervals[n], primaries) for n in primaries)
    if safe != response["safe"]:
        problems.append(f"safe should be {safe}")
    return problems


def compare(mine, theirs):
    problems = []
    for name, interval in mine.items():
        if theirs.get(name) != interval:
            problems.append(f"interval of {name}: checker {interval}, Swift {theirs.get(name)}")
    for name in set(theirs) - set(mine):
        problems.append(f"Swift reports an interval for {name}, which is not hidden")
    return problems


def main():
    with open(sys.argv[1]) as handle:
        batch = json.load(handle)
    failures = []
    for case in batch["cases"]:
        check = check_audit if case.get("kind") == "audit" else check_suppress
        try:
            problems = check(case["request"], case["response"])
        except Exception as error:  # report and go on: one bad case must not hide the others
            problems = [f"checker error: {error!r}"]
        failures += [{"id": case.get("id", "?"), "message": p} for p in problems]
    print(json.dumps({"cases": len(batch["cases"]), "failures": failures}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
