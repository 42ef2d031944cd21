# Staging: production shape at a fraction of the size; exercises warm pools and spot.
region                  = "eu-west-1"
environment             = "staging"
cost_center             = "platform-ci"
vpc_id                  = "vpc-0a1b2c3d4e5f60719"
public_subnet_ids       = ["subnet-0cc00000000000001", "subnet-0cc00000000000002", "subnet-0cc00000000000003"]
private_subnet_ids      = ["subnet-0dd00000000000001", "subnet-0dd00000000000002", "subnet-0dd00000000000003"]
private_route_table_ids = ["rtb-0dd00000000000001"]
domain_name             = "hangar-staging.ci.example.com"
certificate_arn         = "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000002"
github_app_id           = "100002"
github_owner            = "example-org"
github_runner_group     = "hangar-staging"
log_retention_days      = 90
monthly_budget_usd      = 1500
alarm_emails            = ["platform-ci-alerts@example.com"]
budget_emails           = ["platform-ci@example.com"]

pools = [
  {
    name                = "linux"
    labels              = ["self-hosted", "linux", "x64", "hangar-staging"]
    max_runners         = 40
    instance_type       = "m6i.large"
    min_warm            = 2
    spot_instance_types = ["m6i.large", "m6a.large", "m5.large", "m5a.large"]
  },
]
