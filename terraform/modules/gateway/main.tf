data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  tags = merge(var.tags, {
    Project             = "hangar"
    Environment         = var.environment
    CostCenter          = var.cost_center
    "hangar:deployment" = var.name_prefix
    "hangar:component"  = "gateway"
  })

  # Every Auto Scaling group the gateway may change, by ARN (the group id part is unknown ahead).
  pool_asg_names = distinct(flatten([for p in var.pools : [for t in p.tiers : t.asg]]))
  pool_asg_arns = [
    for n in local.pool_asg_names :
    "arn:${local.partition}:autoscaling:${local.region}:${local.account}:autoScalingGroup:*:autoScalingGroupName/${n}"
  ]

  image_id = var.ami_id != null ? var.ami_id : "resolve:ssm:${var.ami_ssm_parameter}"
}
