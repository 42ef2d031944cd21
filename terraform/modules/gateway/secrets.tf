# Values are put outside Terraform (docs/deploy.md), so they never enter the state file.
resource "aws_secretsmanager_secret" "app_private_key" {
  #checkov:skip=CKV2_AWS_57:A GitHub App key can only be rotated in GitHub's UI; rotate it there and put the new PEM here (docs/operations.md).
  name_prefix             = "${var.name_prefix}/github-app-private-key-"
  description             = "PEM private key of the Hangar GitHub App (read by the gateway at start-up)"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = 30
  tags                    = local.tags
}

resource "aws_secretsmanager_secret" "gateway_secrets" {
  #checkov:skip=CKV2_AWS_57:Webhook secrets are set in the GitHub App first; the gateway accepts current and previous at once, so rotation is a manual two-step (docs/operations.md).
  name_prefix             = "${var.name_prefix}/gateway-secrets-"
  description             = "JSON {webhookSecret, webhookSecretPrevious, agentSessionKey}: webhook secrets the gateway accepts and the agent session HMAC key all replicas share"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = 30
  tags                    = local.tags
}
