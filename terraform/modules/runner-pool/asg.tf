# Warm tier: on-demand group whose warm pool keeps pre-initialized (by default stopped)
# instances. Only the gateway changes desired capacity and retires instances.
resource "aws_autoscaling_group" "warm" {
  name                    = local.asg_warm
  vpc_zone_identifier     = length(var.subnet_ids) > 0 ? var.subnet_ids : null
  availability_zones      = length(var.subnet_ids) > 0 ? null : var.availability_zones
  min_size                = 0
  max_size                = var.max_runners
  desired_capacity_type   = "units"
  protect_from_scale_in   = true
  capacity_rebalance      = false
  health_check_type       = "EC2"
  default_instance_warmup = 0
  metrics_granularity     = "1Minute"
  enabled_metrics = [
    "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances",
    "GroupTerminatingInstances", "GroupTotalInstances",
    "WarmPoolDesiredCapacity", "WarmPoolWarmedCapacity", "WarmPoolPendingCapacity", "WarmPoolTotalCapacity",
  ]

  # AZRebalance would terminate running instances to even out zones: it could kill a busy runner.
  suspended_processes = ["AZRebalance"]

  launch_template {
    id      = aws_launch_template.runner["warm"].id
    version = "$Latest"
  }

  warm_pool {
    pool_state                  = var.warm.pool_state
    min_size                    = var.warm.min_warm
    max_group_prepared_capacity = local.warm_max
    instance_reuse_policy {
      # A used runner carries a previous job's files; it never goes back to the warm pool.
      reuse_on_scale_in = false
    }
  }

  # Declared inline so the hooks exist before the first warm instance launches.
  initial_lifecycle_hook {
    name                 = "hangar-launch"
    lifecycle_transition = "autoscaling:EC2_INSTANCE_LAUNCHING"
    heartbeat_timeout    = var.warm.launch_hook_secs
    # A stuck warm-up must not keep an instance out of service forever; the gateway's boot
    # timeout retires instances that never register.
    default_result = "CONTINUE"
  }

  initial_lifecycle_hook {
    name                 = "hangar-termination"
    lifecycle_transition = "autoscaling:EC2_INSTANCE_TERMINATING"
    heartbeat_timeout    = var.termination_hook_secs
    default_result       = "CONTINUE"
  }

  dynamic "tag" {
    for_each = merge(local.tags, { Name = "${local.base_name}-warm", "hangar:tier" = "warm" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  # The gateway owns desired capacity; Terraform must not reset it on every apply.
  lifecycle {
    ignore_changes = [desired_capacity]
    precondition {
      condition     = length(var.subnet_ids) > 0 || length(var.availability_zones) > 0
      error_message = "Set subnet_ids (recommended) or availability_zones."
    }
  }
}

# Spot tier: mixed instances across several types, capacity-optimized, replaced early on a
# rebalance recommendation. AWS allows no warm pool on such a group.
resource "aws_autoscaling_group" "spot" {
  count                 = var.spot == null ? 0 : 1
  name                  = local.asg_spot
  vpc_zone_identifier   = length(var.subnet_ids) > 0 ? var.subnet_ids : null
  availability_zones    = length(var.subnet_ids) > 0 ? null : var.availability_zones
  min_size              = 0
  max_size              = var.max_runners
  protect_from_scale_in = true
  capacity_rebalance    = true
  health_check_type     = "EC2"
  metrics_granularity   = "1Minute"
  enabled_metrics       = ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTotalInstances"]
  suspended_processes   = ["AZRebalance"]

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 0
      on_demand_percentage_above_base_capacity = 0
      spot_allocation_strategy                 = var.spot.allocation_strategy
      spot_max_price                           = var.spot.max_price
    }

    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.runner["spot"].id
        version            = "$Latest"
      }

      dynamic "override" {
        for_each = var.spot.instance_types
        content {
          instance_type = override.value
        }
      }
    }
  }

  initial_lifecycle_hook {
    name                 = "hangar-termination"
    lifecycle_transition = "autoscaling:EC2_INSTANCE_TERMINATING"
    heartbeat_timeout    = var.termination_hook_secs
    default_result       = "CONTINUE"
  }

  dynamic "tag" {
    for_each = merge(local.tags, { Name = "${local.base_name}-spot", "hangar:tier" = "spot" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    ignore_changes = [desired_capacity]
  }
}
