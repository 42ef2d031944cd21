output "webhook_url" {
  description = "Webhook URL to enter in the GitHub App."
  value       = "https://${var.domain_name}/webhook"
}

output "load_balancer_dns_name" {
  description = "Point domain_name at this (CNAME or Route 53 alias)."
  value       = module.gateway.url
}

output "app_private_key_secret_arn" {
  description = "Put the GitHub App private key here (docs/deploy.md)."
  value       = module.gateway.app_private_key_secret_arn
}

output "gateway_secrets_secret_arn" {
  description = "Put the webhook secret and agent session key here (docs/deploy.md)."
  value       = module.gateway.gateway_secrets_secret_arn
}

output "pool_groups" {
  description = "Auto Scaling groups per pool."
  value       = { for k, m in module.pools : k => m.autoscaling_group_names }
}

output "dashboard" {
  description = "CloudWatch dashboard name."
  value       = module.observability.dashboard_name
}
