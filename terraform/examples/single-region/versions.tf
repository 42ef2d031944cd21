terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 7.0.0"
    }
  }

  # Partial configuration: terraform init -backend-config=env/<environment>.s3.tfbackend
  backend "s3" {}
}

provider "aws" {
  region = var.region

  # Cost allocation tags on everything, including resources a module does not tag itself.
  default_tags {
    tags = {
      Project     = "hangar"
      Environment = var.environment
      CostCenter  = var.cost_center
      ManagedBy   = "terraform"
    }
  }
}
