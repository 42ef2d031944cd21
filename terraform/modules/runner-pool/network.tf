resource "aws_security_group" "runner" {
  #checkov:skip=CKV2_AWS_5:Attached through the launch templates' vpc_security_group_ids (via local.all_sg, which the graph does not follow).
  count       = var.vpc_id != null ? 1 : 0
  name_prefix = "${local.base_name}-"
  description = "Hangar runners of pool ${var.pool.name}: no inbound, HTTPS out"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = local.base_name })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "runner_https" {
  count             = var.vpc_id != null ? 1 : 0
  security_group_id = aws_security_group.runner[0].id
  description       = "HTTPS to GitHub, the gateway and AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "endpoints" {
  count       = var.vpc_id != null && length(var.vpc_endpoints) > 0 ? 1 : 0
  name_prefix = "${local.base_name}-endpoints-"
  description = "VPC endpoints used by Hangar runners of pool ${var.pool.name}"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${local.base_name}-endpoints" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_runners" {
  count                        = var.vpc_id != null && length(var.vpc_endpoints) > 0 ? 1 : 0
  security_group_id            = aws_security_group.endpoints[0].id
  description                  = "HTTPS from the runners"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.runner[0].id
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = var.vpc_id != null ? toset(var.vpc_endpoints) : toset([])
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true
  tags                = merge(local.tags, { Name = "${local.base_name}-${each.value}" })
}

resource "aws_vpc_endpoint" "s3" {
  count             = var.vpc_id != null && length(var.route_table_ids) > 0 ? 1 : 0
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
  tags              = merge(local.tags, { Name = "${local.base_name}-s3" })
}
