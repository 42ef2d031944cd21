output "alarm_topic_arn" {
  description = "SNS topic of the alarms (subscribe chat or paging integrations here)."
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "alarm_names" {
  description = "Names of every alarm the module creates."
  value = concat(
    [for a in aws_cloudwatch_metric_alarm.insights : a.alarm_name],
    [aws_cloudwatch_metric_alarm.queue_age.alarm_name, aws_cloudwatch_metric_alarm.queue_depth.alarm_name, aws_cloudwatch_metric_alarm.dead_letters.alarm_name],
  )
}

output "trail_bucket" {
  description = "Bucket of the CloudTrail log files (null when enable_cloudtrail is false)."
  value       = try(aws_s3_bucket.trail[0].id, null)
}

output "budget_name" {
  description = "Monthly budget."
  value       = aws_budgets_budget.monthly.name
}
