"""Every Hangar metric named by a dashboard or alarm exists in the code's metric catalogue
(docs/metrics.md, table: name | type | tags | meaning).

Micrometer meter `hangar.x.y` is published
  - to Prometheus as `hangar_x_y` (+ `_total` for counters, `_seconds_{count,sum,max,bucket}`
    for timers, `_{count,sum,max,bucket}` for distribution summaries), and
  - to CloudWatch by the cloudwatch2 registry as `hangar.x.y.count` (counters), `.value`
    (gauges), `.sum`/`.count`/`.avg`/`.max` (timers, distribution summaries),
    `.activeTasks`/`.duration` (long task timers).
Checked: CloudWatch names in terraform/ (dashboard, alarms), Prometheus names in grafana/*.json.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from common import CheckFailed, main_of, rel, walk

ROW = re.compile(r"^\s*\|\s*`?(hangar\.[A-Za-z0-9_.]+)`?\s*\|\s*`?([^|`]*)`?\s*\|")
CW_NAME = re.compile(r"""(?<=["'])hangar\.[A-Za-z0-9_.]*[A-Za-z0-9_]""")
PROM_NAME = re.compile(r"\bhangar_[A-Za-z0-9_]+")


def catalogue(path: Path) -> dict[str, str]:
    """Meter name -> type (lowercase) from the catalogue's table rows."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            out[m.group(1)] = m.group(2).strip().lower()
    return out


def kind(meter_type: str) -> str:
    t = meter_type.replace("_", " ").replace("-", " ")
    for k in ("long task timer", "function timer", "timer", "distribution summary", "summary",
              "function counter", "counter", "time gauge", "gauge"):
        if k in t:
            return k
    return "unknown"


def cloudwatch_names(name: str, meter_type: str) -> set[str]:
    k = kind(meter_type)
    if k in ("counter", "function counter"):
        suffixes = ["count"]
    elif k in ("gauge", "time gauge"):
        suffixes = ["value"]
    elif k in ("timer", "function timer", "distribution summary", "summary"):
        suffixes = ["sum", "count", "avg", "max"]
    elif k == "long task timer":
        suffixes = ["activeTasks", "duration"]
    else:
        suffixes = ["count", "value", "sum", "avg", "max", "activeTasks", "duration"]
    return {f"{name}.{s}" for s in suffixes}


def prometheus_names(name: str, meter_type: str) -> set[str]:
    base = re.sub(r"[^A-Za-z0-9_]", "_", name)
    k = kind(meter_type)
    secs = base if base.endswith("_seconds") else base + "_seconds"
    if k in ("counter", "function counter"):
        return {base if base.endswith("_total") else base + "_total"}
    if k in ("gauge", "time gauge"):
        return {base, secs} if k == "time gauge" else {base}
    if k in ("timer", "function timer"):
        return {secs, secs + "_count", secs + "_sum", secs + "_max", secs + "_bucket"}
    if k in ("distribution summary", "summary"):
        return {base, base + "_count", base + "_sum", base + "_max", base + "_bucket"}
    if k == "long task timer":
        return {secs + "_active_count", secs + "_duration_sum", secs + "_max"}
    return {base, base + "_total", secs, secs + "_count", secs + "_sum", secs + "_max", secs + "_bucket"}


def grafana_exprs(doc) -> list[str]:
    """Every PromQL expression of a dashboard (panels, nested rows, templating queries)."""
    out = []

    def visit(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("expr", "query", "definition") and isinstance(value, str):
                    out.append(value)
                elif key == "query" and isinstance(value, dict) and isinstance(value.get("query"), str):
                    out.append(value["query"])
                else:
                    visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(doc)
    return out


def check(root: Path) -> str:
    cat_path = root / "docs" / "metrics.md"
    if not cat_path.is_file():
        return "SKIPPED: docs/metrics.md (the metric catalogue) is not on this branch yet"
    cat = catalogue(cat_path)
    if not cat:
        raise CheckFailed(f"  {rel(cat_path)} has no `hangar.*` rows in its name | type | tags | meaning table")
    cw_ok = set().union(*(cloudwatch_names(n, t) for n, t in cat.items()))
    prom_ok = set().union(*(prometheus_names(n, t) for n, t in cat.items()))
    problems = []
    cw_used = prom_used = 0
    for f in walk(root / "terraform", (".tf",)) if (root / "terraform").is_dir() else []:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            for name in CW_NAME.findall(line):
                cw_used += 1
                if name not in cw_ok:
                    problems.append(f"  {rel(f)}:{n}: CloudWatch metric {name} is not published by any "
                                    f"meter in {rel(cat_path)}")
    for f in sorted((root / "grafana").glob("*.json")) if (root / "grafana").is_dir() else []:
        for expr in grafana_exprs(json.loads(f.read_text(encoding="utf-8"))):
            for name in PROM_NAME.findall(expr):
                prom_used += 1
                if name not in prom_ok:
                    problems.append(f"  {rel(f)}: Prometheus series {name} (in `{expr}`) is not exposed by any "
                                    f"meter in {rel(cat_path)}")
    if cw_used + prom_used == 0:
        raise CheckFailed("  no Hangar metric referenced in terraform/ or grafana/: nothing was checked")
    if problems:
        raise CheckFailed("\n".join(problems))
    return f"{cw_used} CloudWatch and {prom_used} Prometheus references match {len(cat)} catalogued meters"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
