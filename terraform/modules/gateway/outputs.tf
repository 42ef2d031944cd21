output "url" {
  description = "Load balancer DNS name; point the certificate's DNS name at it (CNAME/alias) and use https://<that name> as webhook and agent URL."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Hosted zone id of the load balancer, for a Route 53 alias record."
  value       = aws_lb.this.zone_id
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer (CloudWatch LoadBalancer dimension)."
  value       = aws_lb.this.arn_suffix
}

output "queue_url" {
  description = "URL of the job-event FIFO queue."
  value       = aws_sqs_queue.jobs.url
}

output "queue_name" {
  description = "Name of the job-event FIFO queue (CloudWatch QueueName dimension)."
  value       = aws_sqs_queue.jobs.name
}

output "dead_letter_queue_name" {
  description = "Name of the dead-letter queue."
  value       = aws_sqs_queue.dead_letters.name
}

output "ledger_table_name" {
  description = "DynamoDB ledger table."
  value       = aws_dynamodb_table.ledger.name
}

output "ledger_table_arn" {
  description = "ARN of the DynamoDB ledger table."
  value       = aws_dynamodb_table.ledger.arn
}

output "app_private_key_secret_arn" {
  description = "Secret to put the GitHub App private key (PEM) into."
  value       = aws_secretsmanager_secret.app_private_key.arn
}

output "gateway_secrets_secret_arn" {
  description = "Secret to put the gateway secrets JSON into: {\"webhookSecret\", \"webhookSecretPrevious\", \"agentSessionKey\"}."
  value       = aws_secretsmanager_secret.gateway_secrets.arn
}

output "config_parameter_name" {
  description = "SSM parameter with the rendered gateway config."
  value       = aws_ssm_parameter.config.name
}

output "kms_key_arn" {
  description = "Customer-managed KMS key of the deployment (pass it to runner-pool and observability)."
  value       = aws_kms_key.this.arn
}

output "autoscaling_group_name" {
  description = "Gateway Auto Scaling group."
  value       = aws_autoscaling_group.gateway.name
}

output "log_group_name" {
  description = "Gateway log group."
  value       = aws_cloudwatch_log_group.gateway.name
}

output "security_group_id" {
  description = "Security group of the gateway instances."
  value       = aws_security_group.gateway.id
}

output "web_acl_arn" {
  description = "WAFv2 web ACL on the load balancer."
  value       = aws_wafv2_web_acl.this.arn
}
