# One Hangar deployment in one region: the gateway, its pools and their monitoring. Every
# environment uses this same module call with its own env/<environment>.tfvars.
locals {
  name_prefix = "hangar-${var.environment}"
  gateway_url = "https://${var.domain_name}"
}

module "pools" {
  source   = "../../modules/runner-pool"
  for_each = { for p in var.pools : p.name => p }

  name_prefix        = local.name_prefix
  environment        = var.environment
  cost_center        = var.cost_center
  pool               = { name = each.value.name, labels = each.value.labels }
  gateway_url        = local.gateway_url
  max_runners        = each.value.max_runners
  kms_key_arn        = module.gateway.kms_key_arn
  subnet_ids         = var.private_subnet_ids
  vpc_id             = var.vpc_id
  route_table_ids    = var.private_route_table_ids
  log_retention_days = var.log_retention_days
  root_volume        = { size_gib = each.value.root_volume_gib }

  warm = {
    instance_type = each.value.instance_type
    pool_state    = each.value.warm_pool_state
    min_warm      = each.value.min_warm
  }

  spot = length(each.value.spot_instance_types) == 0 ? null : {
    instance_types = each.value.spot_instance_types
  }
}

module "gateway" {
  source = "../../modules/gateway"

  name_prefix         = local.name_prefix
  environment         = var.environment
  cost_center         = var.cost_center
  vpc_id              = var.vpc_id
  alb_subnet_ids      = var.public_subnet_ids
  instance_subnet_ids = var.private_subnet_ids
  certificate_arn     = var.certificate_arn
  instance_type       = var.gateway_instance_type
  min_size            = var.gateway_min_size
  log_retention_days  = var.log_retention_days
  github_hook_cidrs   = var.github_hook_cidrs
  deletion_protection = var.deletion_protection

  github = {
    app_id       = var.github_app_id
    owner        = var.github_owner
    runner_group = var.github_runner_group
  }

  # Matching order is the order of var.pools; tiers come from the pool module.
  pools = [for p in var.pools : {
    name        = p.name
    labels      = p.labels
    max_runners = p.max_runners
    min_idle    = p.min_idle
    tiers       = module.pools[p.name].tiers
  }]
}

module "observability" {
  source = "../../modules/observability"

  name_prefix            = local.name_prefix
  environment            = var.environment
  cost_center            = var.cost_center
  kms_key_arn            = module.gateway.kms_key_arn
  queue_name             = module.gateway.queue_name
  dead_letter_queue_name = module.gateway.dead_letter_queue_name
  pools                  = [for p in var.pools : p.name]
  alarm_emails           = var.alarm_emails
  budget_emails          = var.budget_emails
  monthly_budget_usd     = var.monthly_budget_usd
  enable_cloudtrail      = var.enable_cloudtrail
  log_retention_days     = var.log_retention_days
}
