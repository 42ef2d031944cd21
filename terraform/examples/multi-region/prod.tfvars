environment   = "prod"
cost_center   = "platform-ci"
github_owner  = "example-org"
budget_emails = ["platform-ci@example.com"]

regions = {
  eu = {
    vpc_id             = "vpc-0e0000000000000e1"
    public_subnet_ids  = ["subnet-0e1000000000000a1", "subnet-0e1000000000000a2"]
    private_subnet_ids = ["subnet-0e1000000000000b1", "subnet-0e1000000000000b2"]
    domain_name        = "hangar-eu.ci.example.com"
    certificate_arn    = "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-0000000000e1"
    github_app_id      = "100010"
    linux_max_runners  = 200
    monthly_budget_usd = 8000
  }
  us = {
    vpc_id             = "vpc-0f0000000000000f1"
    public_subnet_ids  = ["subnet-0f1000000000000a1", "subnet-0f1000000000000a2"]
    private_subnet_ids = ["subnet-0f1000000000000b1", "subnet-0f1000000000000b2"]
    domain_name        = "hangar-us.ci.example.com"
    certificate_arn    = "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-0000000000f1"
    github_app_id      = "100011"
    linux_max_runners  = 200
    monthly_budget_usd = 8000
  }
}
