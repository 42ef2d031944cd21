variable "region" {
  description = "Region the images are built in and the plan role reads."
  type        = string
}

variable "cost_center" {
  description = "Cost center tag."
  type        = string
}

variable "repository" {
  description = "GitHub repository (owner/name) whose workflows may assume the roles."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must be owner/name."
  }
}

variable "state_bucket" {
  description = "S3 bucket of the Terraform state the plan role reads."
  type        = string
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (false when it already exists)."
  type        = bool
  default     = true
}
