terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 7.0.0"
    }
  }

  backend "s3" {}
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
  default_tags {
    tags = { Project = "hangar", Environment = var.environment, CostCenter = var.cost_center, ManagedBy = "terraform" }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
  default_tags {
    tags = { Project = "hangar", Environment = var.environment, CostCenter = var.cost_center, ManagedBy = "terraform" }
  }
}
