locals {
  # The gateway's YAML config (keys as the gateway's config loader binds them). Secrets stay
  # ${ENV} references: the boot script puts their values into a root-only environment file.
  gateway_config = merge({
    server = {
      port           = var.gateway_port
      bodyLimitBytes = var.body_limit_bytes
    }
    github = {
      webhookSecrets     = ["$${HANGAR_WEBHOOK_SECRET}", "$${HANGAR_WEBHOOK_SECRET_PREVIOUS}"]
      apiUrl             = var.github.api_url
      appId              = var.github.app_id
      privateKeySecretId = aws_secretsmanager_secret.app_private_key.arn
      owner              = var.github.owner
      runnerGroup        = var.github.runner_group
    }
    aws = {
      region = local.region
    }
    queue = {
      url = aws_sqs_queue.jobs.url
    }
    ledger = {
      type  = "dynamodb"
      table = aws_dynamodb_table.ledger.name
    }
    agentApi = {
      accountId            = local.account
      sessionKey           = "$${HANGAR_AGENT_SESSION_KEY}"
      identityCertificates = var.identity_certificates_pem
    }
    observability = {
      metrics = {
        cloudwatch = {
          enabled   = true
          namespace = var.metric_namespace
        }
      }
    }
    pools = [for p in var.pools : {
      name       = p.name
      labels     = p.labels
      maxRunners = p.max_runners
      minIdle    = p.min_idle
      tiers      = [for t in p.tiers : { asg = t.asg, kind = t.kind }]
    }]
  }, var.extra_config)
}

resource "aws_ssm_parameter" "config" {
  name        = "/hangar/${var.environment}/gateway/config"
  description = "Rendered Hangar gateway config (YAML); the boot script writes it to /etc/hangar/gateway.yaml"
  type        = "SecureString"
  tier        = "Intelligent-Tiering"
  key_id      = aws_kms_key.this.arn
  value       = yamlencode(local.gateway_config)
  tags        = local.tags
}
