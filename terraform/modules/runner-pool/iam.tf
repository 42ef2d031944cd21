data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# Runners run untrusted workflow code: the role can only ship the pool's logs and metrics.
# The agent proves its identity with the signed identity document; it holds no AWS or GitHub
# credentials.
resource "aws_iam_role" "runner" {
  name_prefix        = "${local.base_name}-"
  description        = "Hangar runners of pool ${var.pool.name}"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
  tags               = local.tags
}

resource "aws_iam_instance_profile" "runner" {
  name_prefix = "${local.base_name}-"
  role        = aws_iam_role.runner.name
  tags        = local.tags
}

data "aws_iam_policy_document" "runner" {
  statement {
    sid       = "ShipLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.runners.arn}:*"]
  }

  statement {
    sid       = "ShipMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["CWAgent", var.metric_namespace]
    }
  }
}

resource "aws_iam_role_policy" "runner" {
  name   = "hangar-runner"
  role   = aws_iam_role.runner.id
  policy = data.aws_iam_policy_document.runner.json
}

resource "aws_iam_role_policy_attachment" "ssm_core" {
  count      = var.enable_ssm_session ? 1 : 0
  role       = aws_iam_role.runner.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}
