resource "aws_security_group" "gateway" {
  name_prefix = "${var.name_prefix}-gateway-"
  description = "Hangar gateway instances: gateway port from the ALB, HTTPS out"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${var.name_prefix}-gateway" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "gateway_from_alb" {
  security_group_id            = aws_security_group.gateway.id
  description                  = "Gateway port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.gateway_port
  to_port                      = var.gateway_port
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_ingress_rule" "gateway_metrics" {
  for_each          = toset(var.metrics_scrape_cidrs)
  security_group_id = aws_security_group.gateway.id
  description       = "Prometheus scrape of /metrics"
  ip_protocol       = "tcp"
  from_port         = var.gateway_port
  to_port           = var.gateway_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "gateway_https" {
  security_group_id = aws_security_group.gateway.id
  description       = "HTTPS to GitHub and the AWS APIs (through NAT or VPC endpoints)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_launch_template" "gateway" {
  name_prefix            = "${var.name_prefix}-gateway-"
  description            = "Hangar gateway"
  image_id               = local.image_id
  instance_type          = var.instance_type
  update_default_version = true
  ebs_optimized          = true
  vpc_security_group_ids = [aws_security_group.gateway.id]

  user_data = base64encode(templatefile("${path.module}/templates/user-data.sh.tftpl", {
    config_parameter = aws_ssm_parameter.config.name
    gateway_secrets  = aws_secretsmanager_secret.gateway_secrets.arn
    region           = local.region
    log_group        = aws_cloudwatch_log_group.gateway.name
  }))

  iam_instance_profile {
    arn = aws_iam_instance_profile.gateway.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }

  monitoring {
    enabled = true
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 20
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.this.arn
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${var.name_prefix}-gateway" })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(local.tags, { Name = "${var.name_prefix}-gateway" })
  }

  tags = local.tags
}

resource "aws_autoscaling_group" "gateway" {
  name                      = "${var.name_prefix}-gateway"
  vpc_zone_identifier       = var.instance_subnet_ids
  min_size                  = var.min_size
  max_size                  = var.max_size
  health_check_type         = "ELB"
  health_check_grace_period = 120
  target_group_arns         = [aws_lb_target_group.gateway.arn]
  default_instance_warmup   = 60

  launch_template {
    id      = aws_launch_template.gateway.id
    version = aws_launch_template.gateway.latest_version
  }

  # A new AMI or config version rolls through the group, keeping 50% healthy.
  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 50
    }
    triggers = ["tag"]
  }

  tag {
    key                 = "hangar:config-version"
    value               = aws_ssm_parameter.config.version
    propagate_at_launch = false
  }

  dynamic "tag" {
    for_each = merge(local.tags, { Name = "${var.name_prefix}-gateway" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    precondition {
      condition     = var.min_size <= var.max_size
      error_message = "min_size must not exceed max_size."
    }
  }
}
