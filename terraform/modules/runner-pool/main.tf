data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name
  base_name = "${var.name_prefix}-${var.pool.name}"

  # Cost allocation tags; the gateway adds hangar:repository, hangar:workflow and hangar:job to
  # an instance while it runs a job, so spend can be split by repository and workflow.
  tags = merge(var.tags, {
    Project             = "hangar"
    Environment         = var.environment
    CostCenter          = var.cost_center
    "hangar:deployment" = var.name_prefix
    "hangar:pool"       = var.pool.name
    "hangar:component"  = "runner"
  })

  image_id  = var.ami_id != null ? var.ami_id : "resolve:ssm:${var.ami_ssm_parameter}"
  warm_max  = var.warm.max_prepared < 0 ? var.max_runners : var.warm.max_prepared
  own_sg    = var.vpc_id != null ? [aws_security_group.runner[0].id] : []
  all_sg    = concat(local.own_sg, var.security_group_ids)
  log_group = "/hangar/${var.environment}/runners/${var.pool.name}"
  asg_warm  = "${local.base_name}-warm"
  asg_spot  = "${local.base_name}-spot"

  # Written once by cloud-init; the agent reads it (see agent/ AgentConfigLoader for the keys).
  agent_properties = join("\n", [
    "gateway.url=${var.gateway_url}",
    "pool=${var.pool.name}",
    "metrics.emfFile=/var/log/hangar/agent-metrics.log",
    "log.file=/var/log/hangar/agent.log",
    "warmup.script=/opt/hangar/runner-warmup.sh",
  ])
  user_data = base64encode(templatefile("${path.module}/templates/user-data.sh.tftpl", {
    agent_properties = local.agent_properties
    log_group        = local.log_group
  }))
}

resource "aws_cloudwatch_log_group" "runners" {
  name              = local.log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.tags
}
