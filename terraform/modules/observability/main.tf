data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name
  ns        = var.metric_namespace
  th        = var.thresholds

  tags = merge(var.tags, {
    Project             = "hangar"
    Environment         = var.environment
    CostCenter          = var.cost_center
    "hangar:deployment" = var.name_prefix
    "hangar:component"  = "observability"
  })

  # Hangar metrics as the gateway's CloudWatch registry (Micrometer cloudwatch2) publishes them:
  # the meter name plus ".count" (counters, timer counts), ".sum"/".avg"/".max" (timers) or
  # ".value" (gauges). scripts/checks/metric_names.py checks each against docs/metrics.md.
  metric = {
    webhook_received     = "hangar.webhook.received.count"
    webhook_duration_max = "hangar.webhook.duration.max"
    webhook_duration_avg = "hangar.webhook.duration.avg"
    reconcile_actions    = "hangar.reconcile.actions.count"
    reconcile_cycles     = "hangar.reconcile.cycles.count"
    github_requests      = "hangar.github.requests.count"
    jobs_retried         = "hangar.jobs.retried.count"
    jobs_queued          = "hangar.jobs.queued.value"
    jobs_running         = "hangar.jobs.running.value"
    scaling_desired      = "hangar.scaling.desired.value"
    runners_launched     = "hangar.runners.launched.count"
    runners_retired      = "hangar.runners.retired.count"
    registrations        = "hangar.agent.registrations.count"
    spot_interruptions   = "hangar.spot.interruptions.count"
    runner_lag_days      = "hangar.runner.version.lag.days.value"
    github_ratelimit     = "hangar.github.ratelimit.remaining.value"
    spot_breaker_open    = "hangar.spot.breaker.open.value"
  }

  # Outcomes of webhook requests and registrations that mean something went wrong.
  webhook_failure_results      = ["unauthorized", "too_large", "bad_request", "unavailable", "error"]
  registration_failure_results = ["malformed", "no_certificate", "signature", "region", "account", "not_managed", "not_in_service", "error"]
}

# Alarm and budget notifications, encrypted with the deployment's key.
resource "aws_sns_topic" "alarms" {
  name              = "${var.name_prefix}-alarms"
  kms_master_key_id = var.kms_key_arn
  tags              = local.tags
}

resource "aws_sns_topic_subscription" "alarm_emails" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

data "aws_iam_policy_document" "alarms_topic" {
  statement {
    sid       = "AccountPublishes"
    actions   = ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "ServicesPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com", "cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.alarms_topic.json
}
