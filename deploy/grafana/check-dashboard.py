#!/usr/bin/env python3
"""Checks that every metric a Grafana dashboard queries exists in real /actuator/prometheus output.

    python3 deploy/grafana/check-dashboard.py [dashboard.json ...] [--scrapes FILE ...]

Defaults: every dashboard in deploy/grafana/dashboards, checked against the scrapes the services' tests keep in
<module>/target/<module>.prom (run the modules' tests first). Exits 1 and names what is missing.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Made by Prometheus itself for each target, not by a service.
SYNTHETIC = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
PROMQL_WORDS = {
    "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
    "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "abs", "ceil", "floor", "round",
    "clamp", "clamp_min", "clamp_max", "label_replace", "label_join", "vector", "scalar", "time", "sort",
    "sort_desc", "absent", "max_over_time", "min_over_time", "avg_over_time", "sum_over_time", "count_over_time",
    "last_over_time", "changes", "resets", "inf", "nan",
}


def expressions(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "expr" and isinstance(value, str):
                yield value
            else:
                yield from expressions(value)
    elif isinstance(node, list):
        for item in node:
            yield from expressions(item)


def metric_names(expr):
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # string literals
    expr = re.sub(r"\{[^}]*\}", "", expr)                      # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)                     # range selectors
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        word = match.group(0)
        before = expr[:match.start()].rstrip()
        if word in PROMQL_WORDS or re.fullmatch(r"[0-9.e+-]+", word) or (before and before[-1].isdigit()):
            continue
        names.add(word)
    return names


def scraped_names(paths):
    names = set()
    for path in paths:
        with open(path, encoding="utf-8") as scrape:
            for line in scrape:
                if line and not line.startswith("#"):
                    names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def main(argv):
    dashboards, scrapes, target = [], [], None
    for arg in argv:
        if arg == "--scrapes":
            target = scrapes
        elif target is scrapes:
            scrapes.append(arg)
        else:
            dashboards.append(arg)
    dashboards = dashboards or sorted(glob.glob(os.path.join(ROOT, "deploy/grafana/dashboards/*.json")))
    scrapes = scrapes or sorted(glob.glob(os.path.join(ROOT, "*/target/*-service.prom")))
    if not scrapes:
        print("No scrape output found: run the services' tests first (they write <module>/target/<module>.prom)")
        return 2
    known = scraped_names(scrapes) | SYNTHETIC
    missing = {}
    for path in dashboards:
        with open(path, encoding="utf-8") as file:
            dashboard = json.load(file)  # also proves the JSON parses
        for expr in expressions(dashboard):
            for name in metric_names(expr) - known:
                missing.setdefault(name, set()).add(os.path.basename(path))
    print("scrapes: " + ", ".join(os.path.relpath(s, ROOT) for s in scrapes))
    if missing:
        for name, where in sorted(missing.items()):
            print(f"MISSING {name} (in {', '.join(sorted(where))})")
        return 1
    print(f"every metric of {len(dashboards)} dashboard(s) is in the scrapes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
