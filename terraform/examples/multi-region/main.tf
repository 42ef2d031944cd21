# Multi-region Hangar: one independent gateway per region, each with its own pools, queue,
# ledger and GitHub App. Why this shape rather than one gateway driving pools in several
# regions: see README.md in this folder.
module "eu" {
  source    = "./region"
  providers = { aws = aws.eu }

  environment        = var.environment
  cost_center        = var.cost_center
  region_label       = "eu"
  github_owner       = var.github_owner
  github_app_id      = var.regions["eu"].github_app_id
  domain_name        = var.regions["eu"].domain_name
  certificate_arn    = var.regions["eu"].certificate_arn
  linux_max_runners  = var.regions["eu"].linux_max_runners
  monthly_budget_usd = var.regions["eu"].monthly_budget_usd
  budget_emails      = var.budget_emails
  enable_cloudtrail  = true
  network = {
    vpc_id             = var.regions["eu"].vpc_id
    public_subnet_ids  = var.regions["eu"].public_subnet_ids
    private_subnet_ids = var.regions["eu"].private_subnet_ids
  }
}

module "us" {
  source    = "./region"
  providers = { aws = aws.us }

  environment        = var.environment
  cost_center        = var.cost_center
  region_label       = "us"
  github_owner       = var.github_owner
  github_app_id      = var.regions["us"].github_app_id
  domain_name        = var.regions["us"].domain_name
  certificate_arn    = var.regions["us"].certificate_arn
  linux_max_runners  = var.regions["us"].linux_max_runners
  monthly_budget_usd = var.regions["us"].monthly_budget_usd
  budget_emails      = var.budget_emails
  enable_cloudtrail  = false
  network = {
    vpc_id             = var.regions["us"].vpc_id
    public_subnet_ids  = var.regions["us"].public_subnet_ids
    private_subnet_ids = var.regions["us"].private_subnet_ids
  }
}
