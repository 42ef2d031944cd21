resource "aws_launch_template" "runner" {
  for_each = toset(var.spot == null ? ["warm"] : ["warm", "spot"])

  name_prefix            = "${local.base_name}-${each.key}-"
  description            = "Hangar runner, pool ${var.pool.name}, ${each.key} tier"
  image_id               = local.image_id
  instance_type          = each.key == "warm" ? var.warm.instance_type : null
  update_default_version = true
  ebs_optimized          = true
  user_data              = local.user_data
  vpc_security_group_ids = length(local.all_sg) > 0 ? local.all_sg : null

  # The agent shuts the instance down after its one job; shutdown must end the instance,
  # never leave a stopped runner that still costs its volume.
  instance_initiated_shutdown_behavior = "terminate"

  iam_instance_profile {
    arn = aws_iam_instance_profile.runner.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }

  dynamic "hibernation_options" {
    for_each = each.key == "warm" && var.warm.pool_state == "Hibernated" ? [1] : []
    content {
      configured = true
    }
  }

  monitoring {
    enabled = true
  }

  block_device_mappings {
    device_name = "/dev/sda1"
    ebs {
      volume_size           = var.root_volume.size_gib
      volume_type           = "gp3"
      iops                  = var.root_volume.iops
      throughput            = var.root_volume.throughput
      encrypted             = true
      kms_key_id            = var.kms_key_arn
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${local.base_name}-${each.key}", "hangar:tier" = each.key })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(local.tags, { Name = "${local.base_name}-${each.key}", "hangar:tier" = each.key })
  }

  tag_specifications {
    resource_type = "network-interface"
    tags          = merge(local.tags, { "hangar:tier" = each.key })
  }

  tags = local.tags
}
