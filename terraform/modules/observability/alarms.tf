# Metrics Insights queries aggregate over every dimension set (pool, result, ...), so an alarm
# does not silently miss a pool or outcome that appears later.
locals {
  insights_alarms = {
    webhook-failures = {
      description = "Webhook requests answered with an error (bad signature, too large, SQS unavailable): GitHub events may be lost or forged."
      query       = "SELECT SUM(\"${local.metric.webhook_received}\") FROM SCHEMA(\"${local.ns}\", event, result) WHERE result IN (${join(", ", [for r in local.webhook_failure_results : "'${r}'"])})"
      period      = 300
      threshold   = local.th.webhook_failures
      operator    = "GreaterThanThreshold"
    }
    registration-failures = {
      description = "Runner registrations refused or failed: instances boot but never take jobs (see docs/operations.md, runners not registering)."
      query       = "SELECT SUM(\"${local.metric.registrations}\") FROM SCHEMA(\"${local.ns}\", pool, result) WHERE result IN (${join(", ", [for r in local.registration_failure_results : "'${r}'"])})"
      period      = 300
      threshold   = local.th.registration_failures
      operator    = "GreaterThanThreshold"
    }
    # Pickup latency from the ledger's side (the gateway has no pickup timer): the pool's queue
    # of waiting jobs never drained below pickup_backlog_jobs during pickup_minutes. Raise
    # pickup_backlog_jobs for pools so busy that a few jobs always wait for seconds.
    pickup-latency = {
      description = "Jobs waited for a runner during the whole window: warm pools too small, pool at maxRunners, capacity errors or the spot breaker open."
      query       = "SELECT MIN(\"${local.metric.jobs_queued}\") FROM SCHEMA(\"${local.ns}\", pool)"
      period      = 60
      threshold   = local.th.pickup_backlog_jobs
      operator    = "GreaterThanThreshold"
      evaluations = local.th.pickup_minutes
    }
    spot-interruptions = {
      description = "Many spot interruptions: the breaker sends demand on-demand; consider more instance types."
      query       = "SELECT SUM(\"${local.metric.spot_interruptions}\") FROM SCHEMA(\"${local.ns}\", pool)"
      period      = 900
      threshold   = local.th.spot_interruptions
      operator    = "GreaterThanThreshold"
    }
    runner-version-lag = {
      description = "The baked runner lags the latest release; GitHub stops sending jobs at 30 days. Build and publish a new runner AMI."
      query       = "SELECT MAX(\"${local.metric.runner_lag_days}\") FROM SCHEMA(\"${local.ns}\", pool)"
      period      = 3600
      threshold   = local.th.runner_lag_days
      operator    = "GreaterThanThreshold"
    }
    reconcile-failing = {
      description = "Reconcile cycles keep failing a step: orphans, stale jobs and failed webhook deliveries are not being repaired (docs/operations.md, lost webhooks)."
      query       = "SELECT SUM(\"${local.metric.reconcile_cycles}\") FROM SCHEMA(\"${local.ns}\", result) WHERE result = 'partial'"
      period      = 900
      threshold   = local.th.reconcile_partial
      operator    = "GreaterThanThreshold"
    }
    github-ratelimit-low = {
      description = "Few GitHub API requests left in the App installation's hour; scaling and reconciliation slow down."
      query       = "SELECT MIN(\"${local.metric.github_ratelimit}\") FROM SCHEMA(\"${local.ns}\", resource)"
      period      = 300
      threshold   = local.th.ratelimit_remaining
      operator    = "LessThanThreshold"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "insights" {
  for_each            = local.insights_alarms
  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  comparison_operator = each.value.operator
  evaluation_periods  = try(each.value.evaluations, 1)
  datapoints_to_alarm = try(each.value.evaluations, 1)
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "q"
    expression  = each.value.query
    period      = each.value.period
    return_data = true
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "queue_age" {
  alarm_name          = "${var.name_prefix}-queue-age"
  alarm_description   = "The oldest job event waits too long in SQS: the gateway's consumer is stuck or down."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = var.queue_name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = local.th.queue_age_secs
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "queue_depth" {
  alarm_name          = "${var.name_prefix}-queue-depth"
  alarm_description   = "Many job events wait in SQS."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.queue_name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = local.th.queue_depth
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  alarm_name          = "${var.name_prefix}-dead-letters"
  alarm_description   = "Job events reached the dead-letter queue: inspect and redrive them (docs/operations.md)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.dead_letter_queue_name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
  tags                = local.tags
}
