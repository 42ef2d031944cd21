output "plan_role_arn" {
  description = "Set as repository variable HANGAR_PLAN_ROLE_ARN."
  value       = aws_iam_role.plan.arn
}

output "packer_role_arn" {
  description = "Set as repository variable HANGAR_PACKER_ROLE_ARN."
  value       = aws_iam_role.packer.arn
}
