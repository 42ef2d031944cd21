# One complete, independent Hangar deployment in the provider's region. Jobs reach it through
# the region label on its pool (runs-on: [self-hosted, linux, <region_label>]).
locals {
  name_prefix = "hangar-${var.environment}-${var.region_label}"
  labels      = ["self-hosted", "linux", "x64", var.region_label]
}

module "linux" {
  source = "../../../modules/runner-pool"

  name_prefix = local.name_prefix
  environment = var.environment
  cost_center = var.cost_center
  pool        = { name = "linux", labels = local.labels }
  gateway_url = "https://${var.domain_name}"
  max_runners = var.linux_max_runners
  kms_key_arn = module.gateway.kms_key_arn
  subnet_ids  = var.network.private_subnet_ids
  vpc_id      = var.network.vpc_id
  warm        = { instance_type = "m6i.large", min_warm = 4 }
  spot        = { instance_types = ["m6i.large", "m6a.large", "m5.large", "m5a.large"] }
}

module "gateway" {
  source = "../../../modules/gateway"

  name_prefix         = local.name_prefix
  environment         = var.environment
  cost_center         = var.cost_center
  vpc_id              = var.network.vpc_id
  alb_subnet_ids      = var.network.public_subnet_ids
  instance_subnet_ids = var.network.private_subnet_ids
  certificate_arn     = var.certificate_arn
  github              = { app_id = var.github_app_id, owner = var.github_owner }
  metric_namespace    = "Hangar"

  pools = [{
    name        = "linux"
    labels      = local.labels
    max_runners = var.linux_max_runners
    tiers       = module.linux.tiers
  }]
}

module "observability" {
  source = "../../../modules/observability"

  name_prefix            = local.name_prefix
  environment            = var.environment
  cost_center            = var.cost_center
  kms_key_arn            = module.gateway.kms_key_arn
  queue_name             = module.gateway.queue_name
  dead_letter_queue_name = module.gateway.dead_letter_queue_name
  pools                  = ["linux"]
  budget_emails          = var.budget_emails
  monthly_budget_usd     = var.monthly_budget_usd
  enable_cloudtrail      = var.enable_cloudtrail
}
