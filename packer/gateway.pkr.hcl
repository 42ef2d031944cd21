# Hangar gateway AMI: Amazon Linux 2023, Corretto 17, the gateway jar, its hardened systemd
# unit, the boot script that fetches config and secrets, and the CloudWatch agent. Build:
#   packer init . && packer build -var-file=gateway.pkrvars.hcl gateway.pkr.hcl
packer {
  required_version = ">= 1.10.0"
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1.3"
    }
  }
}

variable "region" {
  type        = string
  description = "Region the AMI is built in."
  default     = "eu-west-1"
}

variable "copy_to_regions" {
  type        = list(string)
  description = "Further regions the AMI is copied to."
  default     = []
}

variable "instance_type" {
  type        = string
  description = "Build instance type."
  default     = "t3.small"
}

variable "subnet_id" {
  type        = string
  description = "Subnet of the build instance."
  default     = null
}

variable "kms_key_id" {
  type        = string
  description = "KMS key for the AMI's snapshots; null uses the account's default EBS key."
  default     = null
}

variable "gateway_jar" {
  type        = string
  description = "Path of the built gateway jar."
  default     = "../gateway/target/hangar-gateway.jar"
}

variable "gateway_version" {
  type        = string
  description = "Version of the gateway jar (tagged on the AMI)."
}

variable "source_revision" {
  type        = string
  description = "Git commit the image is built from (tagged on the AMI)."
  validation {
    condition     = can(regex("^[0-9a-f]{7,40}$", var.source_revision))
    error_message = "The source_revision must be a git commit id."
  }
}

locals {
  timestamp = formatdate("YYYYMMDD-hhmmss", timestamp())
  tags = {
    Project                 = "hangar"
    "hangar:image"          = "gateway"
    "hangar:gatewayVersion" = var.gateway_version
    "hangar:sourceRev"      = var.source_revision
    "hangar:builtAt"        = local.timestamp
  }
}

data "amazon-ami" "al2023" {
  region      = var.region
  owners      = ["amazon"]
  most_recent = true
  filters = {
    name                = "al2023-ami-2023.*-kernel-*-x86_64"
    virtualization-type = "hvm"
    root-device-type    = "ebs"
  }
}

source "amazon-ebs" "gateway" {
  region          = var.region
  ami_regions     = var.copy_to_regions
  source_ami      = data.amazon-ami.al2023.id
  instance_type   = var.instance_type
  subnet_id       = var.subnet_id
  ami_name        = "hangar-gateway-${var.gateway_version}-${local.timestamp}"
  ami_description = "Hangar gateway ${var.gateway_version}, ${var.source_revision}"

  ssh_username         = "ec2-user"
  ssh_interface        = "session_manager"
  communicator         = "ssh"
  iam_instance_profile = "hangar-packer-build"

  encrypt_boot = true
  kms_key_id   = var.kms_key_id
  imds_support = "v2.0"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = 20
    volume_type           = "gp3"
    encrypted             = true
    delete_on_termination = true
  }

  tags            = local.tags
  snapshot_tags   = local.tags
  run_tags        = merge(local.tags, { Name = "hangar-gateway-build" })
  run_volume_tags = local.tags
}

build {
  name    = "hangar-gateway"
  sources = ["source.amazon-ebs.gateway"]

  provisioner "shell" {
    inline = ["sudo install -d -m 0755 -o ec2-user /tmp/hangar"]
  }

  provisioner "file" {
    sources = [
      var.gateway_jar,
      "../systemd/hangar-gateway.service",
      "files/gateway-cloudwatch-agent.json",
      "files/hangar-gateway-bootstrap.sh",
      "files/gateway-logrotate",
      "../docs/operations.md",
      "../docs/deploy.md",
    ]
    destination = "/tmp/hangar/"
  }

  provisioner "shell" {
    execute_command  = "sudo -E bash '{{ .Path }}'"
    environment_vars = ["GATEWAY_VERSION=${var.gateway_version}"]
    scripts          = ["scripts/gateway-install.sh"]
  }

  post-processor "manifest" {
    output     = "manifest-gateway.json"
    strip_path = true
    custom_data = {
      gateway_version = var.gateway_version
      source_revision = var.source_revision
    }
  }
}
