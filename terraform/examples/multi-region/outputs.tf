output "webhook_urls" {
  description = "Webhook URL of each region's GitHub App."
  value       = { eu = module.eu.webhook_url, us = module.us.webhook_url }
}

output "load_balancers" {
  description = "Load balancer DNS name per region."
  value       = { eu = module.eu.load_balancer_dns_name, us = module.us.load_balancer_dns_name }
}
