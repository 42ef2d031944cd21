variable "region" {
  description = "AWS region of the deployment."
  type        = string
}

variable "environment" {
  description = "dev, staging or prod."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "cost_center" {
  description = "Cost center for the CostCenter cost allocation tag."
  type        = string
}

variable "vpc_id" {
  description = "VPC to deploy into."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets (two or more AZs) for the load balancer."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Private subnets (two or more AZs, with NAT) for the gateway and the runners."
  type        = list(string)
}

variable "private_route_table_ids" {
  description = "Route tables of the private subnets (S3 gateway endpoint for the runners)."
  type        = list(string)
  default     = []
}

variable "domain_name" {
  description = "DNS name of the gateway (on certificate_arn); GitHub's webhook URL is https://<domain_name>/webhook."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name."
  type        = string
}

variable "github_app_id" {
  description = "Numeric id of the GitHub App (docs/deploy.md)."
  type        = string
}

variable "github_owner" {
  description = "Organization (or owner/repo) whose jobs Hangar serves."
  type        = string
}

variable "github_runner_group" {
  description = "Runner group new runners join."
  type        = string
  default     = "Default"
}

variable "github_hook_cidrs" {
  description = "GitHub's webhook source ranges (meta API `hooks`); empty allows any source."
  type        = list(string)
  default     = []
}

variable "pools" {
  description = "Runner pools in matching order. spot_instance_types empty = no spot tier."
  type = list(object({
    name                = string
    labels              = list(string)
    max_runners         = number
    min_idle            = optional(number, 0)
    instance_type       = string
    min_warm            = optional(number, 2)
    warm_pool_state     = optional(string, "Stopped")
    spot_instance_types = optional(list(string), [])
    root_volume_gib     = optional(number, 60)
  }))
}

variable "gateway_instance_type" {
  description = "Gateway instance type."
  type        = string
  default     = "t3.small"
}

variable "gateway_min_size" {
  description = "Gateway instances (one per AZ at least for availability)."
  type        = number
  default     = 2
}

variable "log_retention_days" {
  description = "Retention of every log group."
  type        = number
  default     = 365
}

variable "alarm_emails" {
  description = "Who gets alarm mails."
  type        = list(string)
  default     = []
}

variable "budget_emails" {
  description = "Who gets budget and cost anomaly mails."
  type        = list(string)
}

variable "monthly_budget_usd" {
  description = "Monthly budget of the environment."
  type        = number
}

variable "enable_cloudtrail" {
  description = "Create the audit trail (false when an organization trail exists)."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Protect the load balancer and ledger from deletion."
  type        = bool
  default     = true
}
