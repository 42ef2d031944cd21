import json

import metric_names
from conftest import fails, write

CATALOGUE = """# Metrics

| name | type | tags | meaning |
|---|---|---|---|
| `hangar.webhook.received` | counter | event, result | webhook requests |
| `hangar.jobs.queued` | gauge | pool | jobs waiting |
| `hangar.job.pickup.seconds` | timer | pool | queued to running |
"""


def repo(tmp_path, tf="", grafana=None):
    files = {"docs/metrics.md": CATALOGUE, "terraform/modules/o/main.tf": tf}
    if grafana is not None:
        files["grafana/d.json"] = json.dumps({"panels": [{"targets": [{"expr": e} for e in grafana]}]})
    return write(tmp_path, files)


def test_names_follow_the_registries_conventions():
    assert metric_names.cloudwatch_names("hangar.a.b", "counter") == {"hangar.a.b.count"}
    assert metric_names.cloudwatch_names("hangar.a.b", "gauge") == {"hangar.a.b.value"}
    assert "hangar.a.b.avg" in metric_names.cloudwatch_names("hangar.a.b", "timer")
    assert metric_names.prometheus_names("hangar.a.b", "counter") == {"hangar_a_b_total"}
    assert "hangar_job_pickup_seconds_count" in metric_names.prometheus_names("hangar.job.pickup.seconds", "timer")
    assert "hangar_webhook_duration_seconds_sum" in metric_names.prometheus_names("hangar.webhook.duration", "Timer")


def test_catalogued_names_pass(tmp_path):
    tf = 'locals {\n  m = "hangar.webhook.received.count"\n  q = "SELECT AVG(\\"hangar.job.pickup.seconds.avg\\")"\n}\n'
    repo(tmp_path, tf, ['sum(rate(hangar_webhook_received_total[5m]))', 'hangar_jobs_queued{pool="a"}'])
    assert "2 CloudWatch and 2 Prometheus references" in metric_names.check(tmp_path)


def test_unknown_cloudwatch_name_fails(tmp_path):
    repo(tmp_path, 'locals {\n  m = "hangar.webhook.errors.count"\n}\n')
    fails(metric_names.check, tmp_path, "hangar.webhook.errors.count")


def test_wrong_suffix_for_the_meter_type_fails(tmp_path):
    repo(tmp_path, 'locals {\n  m = "hangar.jobs.queued.count"\n}\n')
    fails(metric_names.check, tmp_path, "hangar.jobs.queued.count")


def test_unknown_prometheus_name_fails(tmp_path):
    repo(tmp_path, "", ['rate(hangar_webhook_received_total[5m])', 'hangar_runners_idle'])
    fails(metric_names.check, tmp_path, "hangar_runners_idle")


def test_counter_without_total_suffix_fails(tmp_path):
    repo(tmp_path, "", ['rate(hangar_webhook_received[5m])'])
    fails(metric_names.check, tmp_path, "hangar_webhook_received ")


def test_checking_nothing_is_a_failure(tmp_path):
    repo(tmp_path, 'locals {\n  x = 1\n}\n')
    fails(metric_names.check, tmp_path, "nothing was checked")
