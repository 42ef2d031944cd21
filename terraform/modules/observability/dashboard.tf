locals {
  widgets = concat(
    [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title   = "Webhooks by result"
          region  = local.region
          view    = "timeSeries"
          stat    = "Sum"
          period  = 60
          metrics = [[{ expression = "SELECT SUM(\"${local.metric.webhook_received}\") FROM SCHEMA(\"${local.ns}\", event, result) GROUP BY result", id = "w", label = "" }]]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title  = "Job queue (SQS)"
          region = local.region
          view   = "timeSeries"
          period = 60
          metrics = [
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.queue_name, { stat = "Maximum", label = "visible" }],
            ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", var.queue_name, { stat = "Maximum", label = "oldest (s)", yAxis = "right" }],
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.dead_letter_queue_name, { stat = "Maximum", label = "dead letters" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Jobs waiting for a runner, per pool (pickup backlog)"
          region = local.region
          view   = "timeSeries"
          period = 60
          metrics = [
            [{ expression = "SELECT MAX(\"${local.metric.jobs_queued}\") FROM SCHEMA(\"${local.ns}\", pool) GROUP BY pool", id = "pq", label = "" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title   = "GitHub rate limit remaining"
          region  = local.region
          view    = "timeSeries"
          period  = 60
          metrics = [[{ expression = "SELECT MIN(\"${local.metric.github_ratelimit}\") FROM SCHEMA(\"${local.ns}\", resource) GROUP BY resource", id = "rl", label = "" }]]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title  = "Runners launched, retired; registrations"
          region = local.region
          view   = "timeSeries"
          period = 300
          metrics = [
            [{ expression = "SELECT SUM(\"${local.metric.runners_launched}\") FROM SCHEMA(\"${local.ns}\", pool, tier) GROUP BY pool", id = "rla", label = "launched" }],
            [{ expression = "SELECT SUM(\"${local.metric.runners_retired}\") FROM SCHEMA(\"${local.ns}\", pool, reason) GROUP BY pool", id = "rre", label = "retired" }],
            [{ expression = "SELECT SUM(\"${local.metric.registrations}\") FROM SCHEMA(\"${local.ns}\", pool, result) GROUP BY result", id = "reg", label = "registrations" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 12, width = 12, height = 6
        properties = {
          title  = "Spot: interruptions and breaker"
          region = local.region
          view   = "timeSeries"
          period = 300
          metrics = [
            [{ expression = "SELECT SUM(\"${local.metric.spot_interruptions}\") FROM SCHEMA(\"${local.ns}\", pool) GROUP BY pool", id = "si", label = "interruptions" }],
            [{ expression = "SELECT MAX(\"${local.metric.spot_breaker_open}\") FROM SCHEMA(\"${local.ns}\", pool) GROUP BY pool", id = "sb", label = "breaker open" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 18, width = 12, height = 6
        properties = {
          title   = "Runner version lag (days)"
          region  = local.region
          view    = "timeSeries"
          period  = 3600
          metrics = [[{ expression = "SELECT MAX(\"${local.metric.runner_lag_days}\") FROM SCHEMA(\"${local.ns}\", pool) GROUP BY pool", id = "lag", label = "" }]]
        }
      },
      {
        type = "metric", x = 12, y = 18, width = 12, height = 6
        properties = {
          title  = "Webhook answer time, max (s)"
          region = local.region
          view   = "timeSeries"
          period = 60
          metrics = [
            [{ expression = "SELECT AVG(\"${local.metric.webhook_duration_avg}\") FROM SCHEMA(\"${local.ns}\", result) GROUP BY result", id = "wa", label = "avg" }],
            [{ expression = "SELECT MAX(\"${local.metric.webhook_duration_max}\") FROM SCHEMA(\"${local.ns}\", result) GROUP BY result", id = "wd", label = "max" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 24, width = 12, height = 6
        properties = {
          title  = "Reconciliation actions and re-run jobs"
          region = local.region
          view   = "timeSeries"
          period = 300
          metrics = [
            [{ expression = "SELECT SUM(\"${local.metric.reconcile_actions}\") FROM SCHEMA(\"${local.ns}\", pool, action) GROUP BY action", id = "ra", label = "" }],
            [{ expression = "SELECT SUM(\"${local.metric.jobs_retried}\") FROM SCHEMA(\"${local.ns}\", pool, reason) GROUP BY reason", id = "jr", label = "re-run" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 24, width = 12, height = 6
        properties = {
          title   = "GitHub API calls by status"
          region  = local.region
          view    = "timeSeries"
          period  = 300
          metrics = [[{ expression = "SELECT SUM(\"${local.metric.github_requests}\") FROM SCHEMA(\"${local.ns}\", endpoint, status) GROUP BY status", id = "gr", label = "" }]]
        }
      },
    ],
    # One row per pool: demand against supply.
    [for i, p in var.pools : {
      type = "metric", x = 0, y = 30 + 6 * i, width = 24, height = 6
      properties = {
        title  = "Pool ${p}: queued, running, desired"
        region = local.region
        view   = "timeSeries"
        period = 60
        metrics = [
          [{ expression = "SELECT MAX(\"${local.metric.jobs_queued}\") FROM SCHEMA(\"${local.ns}\", pool) WHERE pool = '${p}'", id = "q${i}", label = "queued" }],
          [{ expression = "SELECT MAX(\"${local.metric.jobs_running}\") FROM SCHEMA(\"${local.ns}\", pool) WHERE pool = '${p}'", id = "r${i}", label = "running" }],
          [{ expression = "SELECT SUM(\"${local.metric.scaling_desired}\") FROM SCHEMA(\"${local.ns}\", pool, tier) WHERE pool = '${p}'", id = "d${i}", label = "desired" }],
        ]
      }
    }],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "${var.name_prefix}-hangar"
  dashboard_body = jsonencode({ widgets = local.widgets })
}
