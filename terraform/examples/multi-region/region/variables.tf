variable "environment" {
  description = "Environment name."
  type        = string
}

variable "cost_center" {
  description = "Cost center tag."
  type        = string
}

variable "region_label" {
  description = "Short region name used in resource names and as the runner label that routes jobs here (e.g. eu, us)."
  type        = string
  validation {
    condition     = can(regex("^[a-z]{2,6}$", var.region_label))
    error_message = "region_label must be 2-6 lowercase letters."
  }
}

variable "network" {
  description = "vpc_id, public_subnet_ids (ALB), private_subnet_ids (gateway, runners)."
  type = object({
    vpc_id             = string
    public_subnet_ids  = list(string)
    private_subnet_ids = list(string)
  })
}

variable "domain_name" {
  description = "DNS name of this region's gateway."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate of domain_name, in this region."
  type        = string
}

variable "github_app_id" {
  description = "This region's GitHub App id (one App per gateway: an App has one webhook URL)."
  type        = string
}

variable "github_owner" {
  description = "Organization whose jobs Hangar serves."
  type        = string
}

variable "linux_max_runners" {
  description = "Size cap of the region's linux pool."
  type        = number
}

variable "budget_emails" {
  description = "Budget and anomaly recipients."
  type        = list(string)
}

variable "monthly_budget_usd" {
  description = "Monthly budget of this region's deployment."
  type        = number
}

variable "enable_cloudtrail" {
  description = "Create the trail here (only in one region: the trail is multi-region)."
  type        = bool
}
