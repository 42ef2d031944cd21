# Development: small, cheap, short retention, spot only where it is harmless.
region              = "eu-west-1"
environment         = "dev"
cost_center         = "platform-ci"
vpc_id              = "vpc-0a1b2c3d4e5f60718"
public_subnet_ids   = ["subnet-0aa00000000000001", "subnet-0aa00000000000002"]
private_subnet_ids  = ["subnet-0bb00000000000001", "subnet-0bb00000000000002"]
domain_name         = "hangar-dev.ci.example.com"
certificate_arn     = "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000001"
github_app_id       = "100001"
github_owner        = "example-org"
github_runner_group = "hangar-dev"
gateway_min_size    = 2
log_retention_days  = 30
deletion_protection = false
enable_cloudtrail   = false
monthly_budget_usd  = 300
budget_emails       = ["platform-ci@example.com"]

pools = [
  {
    name                = "linux-small"
    labels              = ["self-hosted", "linux", "x64", "hangar-dev"]
    max_runners         = 10
    instance_type       = "t3.large"
    min_warm            = 1
    spot_instance_types = ["t3.large", "t3a.large", "m5.large"]
  },
]
