#!/usr/bin/env python3
"""Cuts the GitHub API descriptions Hangar's tests use out of GitHub's published npm packages.

Downloads `@octokit/openapi` and `@octokit/webhooks-schemas` with `npm pack` (the npm registry
is the only network access), keeps the REST paths in PATHS (every operation on them, already
dereferenced) and the `workflow_job` webhook schema with the definitions it references, and
writes both files next to this script. See SOURCE.md.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The endpoints Hangar calls, with the ones a runner autoscaler may call next (labels, tokens).
PATHS = [
    "/app",
    "/app/hook/deliveries",
    "/app/hook/deliveries/{delivery_id}",
    "/app/hook/deliveries/{delivery_id}/attempts",
    "/app/installations/{installation_id}/access_tokens",
    "/orgs/{org}/actions/runner-groups",
    "/orgs/{org}/actions/runners",
    "/orgs/{org}/actions/runners/downloads",
    "/orgs/{org}/actions/runners/generate-jitconfig",
    "/orgs/{org}/actions/runners/registration-token",
    "/orgs/{org}/actions/runners/remove-token",
    "/orgs/{org}/actions/runners/{runner_id}",
    "/orgs/{org}/actions/runners/{runner_id}/labels",
    "/orgs/{org}/actions/runners/{runner_id}/labels/{name}",
    "/orgs/{org}/installation",
    "/rate_limit",
    "/repos/{owner}/{repo}/actions/jobs/{job_id}",
    "/repos/{owner}/{repo}/actions/jobs/{job_id}/rerun",
    "/repos/{owner}/{repo}/actions/runners",
    "/repos/{owner}/{repo}/actions/runners/downloads",
    "/repos/{owner}/{repo}/actions/runners/generate-jitconfig",
    "/repos/{owner}/{repo}/actions/runners/registration-token",
    "/repos/{owner}/{repo}/actions/runners/remove-token",
    "/repos/{owner}/{repo}/actions/runners/{runner_id}",
    "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
    "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
    "/repos/{owner}/{repo}/installation",
    "/repos/{owner}/{repo}/releases/latest",
]
EVENT = "workflow_job_event"


def npm_member(package: str, member: str, work: Path) -> dict:
    """One JSON file out of a package tarball from the npm registry."""
    out = subprocess.run(["npm", "pack", "--silent", package], cwd=work, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(work / out) as tar:
        return json.load(tar.extractfile("package/" + member))


def refs(node, found: set[str]) -> None:
    """Names of the `#/definitions/...` a schema node refers to, transitively collected by caller."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            found.add(ref.removeprefix("#/definitions/"))
        for v in node.values():
            refs(v, found)
    elif isinstance(node, list):
        for v in node:
            refs(v, found)


def openapi_subset(version: str, work: Path) -> dict:
    full = npm_member(f"@octokit/openapi@{version}", "generated/api.github.com.deref.json", work)
    missing = [p for p in PATHS if p not in full["paths"]]
    if missing:
        raise SystemExit(f"regenerate: @octokit/openapi {version} lacks {missing}")
    info = dict(full["info"])
    info["description"] = (
        "Subset of GitHub REST API description (api.github.com) limited to the endpoints a runner"
        f" autoscaler uses. Source: GitHub rest-api-description via @octokit/openapi {version} (MIT).")
    return {"openapi": full["openapi"], "info": info, "servers": full["servers"],
            "paths": {p: full["paths"][p] for p in PATHS}}


def workflow_job_schema(version: str, work: Path) -> dict:
    full = npm_member(f"@octokit/webhooks-schemas@{version}", "schema.json", work)
    definitions = full["definitions"]
    keep, todo = set(), [EVENT]
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        found: set[str] = set()
        refs(definitions[name], found)
        todo.extend(found - keep)
    return {"$schema": full["$schema"],
            "description": f"workflow_job webhook event payload schema, from @octokit/webhooks-schemas {version} (MIT)",
            "$ref": f"#/definitions/{EVENT}",
            "definitions": {k: definitions[k] for k in sorted(keep)}}


def write(name: str, doc: dict) -> None:
    (HERE / name).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"regenerate: wrote {name}")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--openapi-version", default="23.0.2")
    args.add_argument("--schemas-version", default="7.6.1")
    opts = args.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write("api.github.com.runners-subset.json", openapi_subset(opts.openapi_version, work))
        write("workflow_job.schema.json", workflow_job_schema(opts.schemas_version, work))


if __name__ == "__main__":
    main()
