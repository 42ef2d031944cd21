# Budgets and anomaly detection filter on hangar:deployment (= name_prefix), the one tag that
# identifies this deployment on every resource the modules create (values of one cost filter are
# ORed, so Project and Environment together could not narrow it). Activate it, with Project,
# Environment, CostCenter, hangar:pool, hangar:repository, hangar:workflow and hangar:job, as
# cost allocation tags in the Billing console once (docs/deploy.md).
resource "aws_budgets_budget" "monthly" {
  name         = "${var.name_prefix}-monthly"
  budget_type  = "COST"
  limit_amount = tostring(var.monthly_budget_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "TagKeyValue"
    values = [format("user:hangar:deployment$%s", var.name_prefix)]
  }

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 80
    threshold_type             = "PERCENTAGE"
    notification_type          = "ACTUAL"
    subscriber_email_addresses = var.budget_emails
  }

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 100
    threshold_type             = "PERCENTAGE"
    notification_type          = "FORECASTED"
    subscriber_email_addresses = var.budget_emails
  }

  tags = local.tags
}

resource "aws_ce_anomaly_monitor" "hangar" {
  name         = "${var.name_prefix}-spend"
  monitor_type = "CUSTOM"
  monitor_specification = jsonencode({
    Tags = {
      Key          = "hangar:deployment"
      Values       = [var.name_prefix]
      MatchOptions = ["EQUALS"]
    }
  })
  tags = local.tags
}

resource "aws_ce_anomaly_subscription" "hangar" {
  name             = "${var.name_prefix}-spend"
  frequency        = "DAILY"
  monitor_arn_list = [aws_ce_anomaly_monitor.hangar.arn]

  threshold_expression {
    dimension {
      key           = "ANOMALY_TOTAL_IMPACT_ABSOLUTE"
      match_options = ["GREATER_THAN_OR_EQUAL"]
      values        = [tostring(var.anomaly_threshold_usd)]
    }
  }

  dynamic "subscriber" {
    for_each = var.budget_emails
    content {
      type    = "EMAIL"
      address = subscriber.value
    }
  }

  tags = local.tags
}
