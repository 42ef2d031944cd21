# Roles the deployment repository's workflows assume through GitHub's OIDC provider, so no
# long-lived AWS keys exist: a read-only plan role for pull requests
# (.github/workflows/infrastructure.yml) and an image build role for release tags
# (.github/workflows/release.yml).
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account  = data.aws_caller_identity.current.account_id
  oidc_url = "token.actions.githubusercontent.com"
  oidc_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:${data.aws_partition.current.partition}:iam::${local.account}:oidc-provider/${local.oidc_url}"
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider ? 1 : 0
  url            = "https://${local.oidc_url}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "trust" {
  for_each = {
    plan   = ["repo:${var.repository}:pull_request"]
    packer = ["repo:${var.repository}:ref:refs/tags/v*", "repo:${var.repository}:environment:release"]
  }
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.oidc_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_url}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "${local.oidc_url}:sub"
      values   = each.value
    }
  }
}

resource "aws_iam_role" "plan" {
  name                 = "hangar-github-plan"
  description          = "terraform plan of the Hangar examples from pull requests (read only)"
  assume_role_policy   = data.aws_iam_policy_document.trust["plan"].json
  max_session_duration = 3600
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "plan_state" {
  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.state_bucket}", "arn:${data.aws_partition.current.partition}:s3:::${var.state_bucket}/hangar/*"]
  }

  # Refreshing the SecureString config parameter decrypts it with the deployment's key.
  statement {
    sid       = "DecryptHangarConfig"
    actions   = ["kms:Decrypt"]
    resources = ["arn:${data.aws_partition.current.partition}:kms:${var.region}:${local.account}:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/hangar-*"]
    }
  }
}

resource "aws_iam_role_policy" "plan_state" {
  name   = "read-terraform-state"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.plan_state.json
}

resource "aws_iam_role" "packer" {
  name                 = "hangar-github-packer"
  description          = "Packer builds of the Hangar AMIs from release tags"
  assume_role_policy   = data.aws_iam_policy_document.trust["packer"].json
  max_session_duration = 3600
}

# What the amazon-ebs builder does: launch a temporary instance, image it, clean up. EC2 has
# no resource-level scoping for most of these at creation time, so the region is the bound.
data "aws_iam_policy_document" "packer" {
  statement {
    sid = "BuildImages"
    actions = [
      "ec2:RunInstances", "ec2:StopInstances", "ec2:TerminateInstances",
      "ec2:CreateImage", "ec2:RegisterImage", "ec2:DeregisterImage", "ec2:CopyImage",
      "ec2:ModifyImageAttribute", "ec2:CreateSnapshot", "ec2:DeleteSnapshot",
      "ec2:ModifySnapshotAttribute", "ec2:CreateTags", "ec2:CreateKeyPair", "ec2:DeleteKeyPair",
      "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:AuthorizeSecurityGroupIngress",
      "ec2:CreateVolume", "ec2:DeleteVolume", "ec2:AttachVolume", "ec2:DetachVolume",
      "ec2:Describe*", "ec2:GetPasswordData",
      "ssm:StartSession", "ssm:TerminateSession", "ssm:DescribeInstanceInformation",
    ]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [var.region]
    }
  }

  statement {
    sid       = "PassBuildProfile"
    actions   = ["iam:PassRole", "iam:GetInstanceProfile"]
    resources = [aws_iam_role.packer_build.arn, aws_iam_instance_profile.packer_build.arn]
  }

  statement {
    sid       = "PublishAmiIds"
    actions   = ["ssm:PutParameter", "ssm:GetParameter"]
    resources = ["arn:${data.aws_partition.current.partition}:ssm:${var.region}:${local.account}:parameter/hangar/ami/*"]
  }
}

resource "aws_iam_role_policy" "packer" {
  name   = "build-hangar-images"
  role   = aws_iam_role.packer.id
  policy = data.aws_iam_policy_document.packer.json
}

# The build instance's own profile: Session Manager only (Packer connects through it).
data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "packer_build" {
  name               = "hangar-packer-build"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
}

resource "aws_iam_role_policy_attachment" "packer_build_ssm" {
  role       = aws_iam_role.packer_build.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "packer_build" {
  name = "hangar-packer-build"
  role = aws_iam_role.packer_build.name
}
