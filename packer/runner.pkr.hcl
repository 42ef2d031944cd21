# Hangar runner AMI: Ubuntu LTS, JRE, the GitHub Actions runner at a pinned version (SHA-256
# checked), the Hangar agent, systemd units and the CloudWatch agent. Build:
#   packer init . && packer build -var-file=runner.pkrvars.hcl runner.pkr.hcl
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
  description = "Further regions the AMI is copied to (multi-region deployments)."
  default     = []
}

variable "instance_type" {
  type        = string
  description = "Build instance type."
  default     = "m6i.large"
}

variable "subnet_id" {
  type        = string
  description = "Subnet of the build instance (a private one with NAT is fine: Packer uses Session Manager)."
  default     = null
}

variable "kms_key_id" {
  type        = string
  description = "KMS key for the AMI's snapshots; null uses the account's default EBS key."
  default     = null
}

variable "runner_version" {
  type        = string
  description = "GitHub Actions runner release baked into the image, e.g. 2.330.0."
  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.runner_version))
    error_message = "The runner_version must look like 2.330.0."
  }
}

variable "runner_sha256" {
  type        = string
  description = "SHA-256 of actions-runner-linux-x64-<runner_version>.tar.gz as published in the release notes."
  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.runner_sha256))
    error_message = "The runner_sha256 must be 64 lowercase hex digits."
  }
}

variable "agent_jar" {
  type        = string
  description = "Path of the built agent jar."
  default     = "../agent/target/hangar-agent.jar"
}

variable "agent_version" {
  type        = string
  description = "Version of the agent jar (tagged on the AMI)."
}

variable "source_revision" {
  type        = string
  description = "Git commit the image is built from (tagged on the AMI)."
  validation {
    condition     = can(regex("^[0-9a-f]{7,40}$", var.source_revision))
    error_message = "The source_revision must be a git commit id."
  }
}

variable "install_docker" {
  type        = bool
  description = "Install Docker Engine for container jobs and service containers."
  default     = true
}

variable "ami_ssm_parameter" {
  type        = string
  description = "Informational: the SSM parameter the release workflow updates with the new AMI id."
  default     = "/hangar/ami/runner"
}

locals {
  timestamp = formatdate("YYYYMMDD-hhmmss", timestamp())
  tags = {
    Project                = "hangar"
    "hangar:image"         = "runner"
    "hangar:runnerVersion" = var.runner_version
    "hangar:agentVersion"  = var.agent_version
    "hangar:sourceRev"     = var.source_revision
    "hangar:builtAt"       = local.timestamp
  }
}

data "amazon-ami" "ubuntu" {
  region      = var.region
  owners      = ["099720109477"]
  most_recent = true
  filters = {
    name                = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"
    virtualization-type = "hvm"
    root-device-type    = "ebs"
  }
}

source "amazon-ebs" "runner" {
  region          = var.region
  ami_regions     = var.copy_to_regions
  source_ami      = data.amazon-ami.ubuntu.id
  instance_type   = var.instance_type
  subnet_id       = var.subnet_id
  ami_name        = "hangar-runner-${var.runner_version}-${local.timestamp}"
  ami_description = "Hangar runner: actions/runner ${var.runner_version}, agent ${var.agent_version}, ${var.source_revision}"

  ssh_username         = "ubuntu"
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
    device_name           = "/dev/sda1"
    volume_size           = 30
    volume_type           = "gp3"
    encrypted             = true
    delete_on_termination = true
  }

  tags            = local.tags
  snapshot_tags   = local.tags
  run_tags        = merge(local.tags, { Name = "hangar-runner-build" })
  run_volume_tags = local.tags
}

build {
  name    = "hangar-runner"
  sources = ["source.amazon-ebs.runner"]

  provisioner "shell" {
    inline = ["sudo install -d -m 0755 -o ubuntu /tmp/hangar"]
  }

  provisioner "file" {
    sources = [
      var.agent_jar,
      "../systemd/hangar-agent.service",
      "files/runner-cloudwatch-agent.json",
      "files/runner-warmup.sh",
      "../docs/agent.md",
    ]
    destination = "/tmp/hangar/"
  }

  provisioner "shell" {
    execute_command = "sudo -E bash '{{ .Path }}'"
    environment_vars = [
      "RUNNER_VERSION=${var.runner_version}",
      "RUNNER_SHA256=${var.runner_sha256}",
      "AGENT_VERSION=${var.agent_version}",
      "INSTALL_DOCKER=${var.install_docker}",
    ]
    scripts = [
      "scripts/runner-base.sh",
      "scripts/runner-install.sh",
    ]
  }

  post-processor "manifest" {
    output     = "manifest-runner.json"
    strip_path = true
    custom_data = {
      runner_version  = var.runner_version
      agent_version   = var.agent_version
      source_revision = var.source_revision
    }
  }
}
