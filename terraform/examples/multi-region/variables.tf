variable "environment" {
  description = "Environment name."
  type        = string
  default     = "prod"
}

variable "cost_center" {
  description = "Cost center tag."
  type        = string
}

variable "github_owner" {
  description = "Organization whose jobs Hangar serves."
  type        = string
}

variable "regions" {
  description = "Per region (keys eu, us): network, DNS name, certificate, GitHub App id, pool size and budget."
  type = map(object({
    vpc_id             = string
    public_subnet_ids  = list(string)
    private_subnet_ids = list(string)
    domain_name        = string
    certificate_arn    = string
    github_app_id      = string
    linux_max_runners  = number
    monthly_budget_usd = number
  }))
  validation {
    condition     = alltrue([for k in ["eu", "us"] : contains(keys(var.regions), k)])
    error_message = "regions needs the keys eu and us (one per provider alias)."
  }
}

variable "budget_emails" {
  description = "Budget and anomaly recipients."
  type        = list(string)
}
