output "pool_name" {
  description = "Name of the pool."
  value       = var.pool.name
}

output "tiers" {
  description = "The pool's tiers in order of preference, as the gateway config's pools[].tiers expects them ({asg, kind})."
  value = concat(
    [{ asg = aws_autoscaling_group.warm.name, kind = "warm" }],
    [for g in aws_autoscaling_group.spot : { asg = g.name, kind = "spot" }],
  )
}

output "autoscaling_group_names" {
  description = "Auto Scaling group names of the pool's tiers."
  value       = concat([aws_autoscaling_group.warm.name], aws_autoscaling_group.spot[*].name)
}

output "autoscaling_group_arns" {
  description = "Auto Scaling group ARNs of the pool's tiers."
  value       = concat([aws_autoscaling_group.warm.arn], aws_autoscaling_group.spot[*].arn)
}

output "launch_template_ids" {
  description = "Launch template id per tier."
  value       = { for k, lt in aws_launch_template.runner : k => lt.id }
}

output "instance_role_arn" {
  description = "IAM role of the runner instances."
  value       = aws_iam_role.runner.arn
}

output "security_group_id" {
  description = "Security group the module created for the runners (null without vpc_id)."
  value       = try(aws_security_group.runner[0].id, null)
}

output "log_group_name" {
  description = "Log group of the agent and runner _diag logs."
  value       = aws_cloudwatch_log_group.runners.name
}
