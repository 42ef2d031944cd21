region       = "eu-west-1"
cost_center  = "platform-ci"
repository   = "example-org/hangar-deploy"
state_bucket = "example-org-terraform-state"
