resource "aws_cloudwatch_log_group" "gateway" {
  name              = "/hangar/${var.environment}/gateway"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = local.tags
}

# WAF requires the aws-waf-logs- prefix on its log destinations.
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${var.name_prefix}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = local.tags
}
