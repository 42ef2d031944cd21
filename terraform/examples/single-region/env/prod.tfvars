# Production: warm pools sized for the morning peak, spot for bursts, a year of logs.
region                  = "eu-west-1"
environment             = "prod"
cost_center             = "platform-ci"
vpc_id                  = "vpc-0a1b2c3d4e5f6071a"
public_subnet_ids       = ["subnet-0ee00000000000001", "subnet-0ee00000000000002", "subnet-0ee00000000000003"]
private_subnet_ids      = ["subnet-0ff00000000000001", "subnet-0ff00000000000002", "subnet-0ff00000000000003"]
private_route_table_ids = ["rtb-0ff00000000000001", "rtb-0ff00000000000002", "rtb-0ff00000000000003"]
domain_name             = "hangar.ci.example.com"
certificate_arn         = "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000003"
github_app_id           = "100003"
github_owner            = "example-org"
github_runner_group     = "hangar"
gateway_instance_type   = "m7i.large"
gateway_min_size        = 3
log_retention_days      = 365
monthly_budget_usd      = 20000
alarm_emails            = ["platform-ci-alerts@example.com"]
budget_emails           = ["platform-ci@example.com", "finops@example.com"]

pools = [
  {
    name                = "linux"
    labels              = ["self-hosted", "linux", "x64"]
    max_runners         = 400
    min_idle            = 4
    instance_type       = "m6i.xlarge"
    min_warm            = 20
    spot_instance_types = ["m6i.xlarge", "m6a.xlarge", "m5.xlarge", "m5a.xlarge", "m7i.xlarge"]
    root_volume_gib     = 100
  },
  {
    name            = "linux-large"
    labels          = ["self-hosted", "linux", "x64", "large"]
    max_runners     = 50
    instance_type   = "c6i.4xlarge"
    min_warm        = 2
    root_volume_gib = 200
  },
]
