output "load_balancer_dns_name" {
  description = "Point this region's domain_name at it."
  value       = module.gateway.url
}

output "webhook_url" {
  description = "Webhook URL of this region's GitHub App."
  value       = "https://${var.domain_name}/webhook"
}
