variable "name_prefix" {
  description = "Prefix of every resource name, e.g. hangar-prod. Lowercase letters, digits and dashes."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name_prefix))
    error_message = "name_prefix must be 2-24 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name, used in tags (Environment) and in IAM conditions on runner instances."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,15}$", var.environment))
    error_message = "environment must be 1-16 lowercase letters, digits or dashes."
  }
}

variable "cost_center" {
  description = "Cost center written to the CostCenter cost allocation tag."
  type        = string
  validation {
    condition     = length(var.cost_center) > 0 && length(var.cost_center) <= 64
    error_message = "cost_center must be 1-64 characters."
  }
}

variable "tags" {
  description = "Extra tags for every resource of the module."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "VPC of the load balancer and the gateway instances."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "alb_subnet_ids" {
  description = "Subnets of the load balancer, in at least two Availability Zones (public ones when GitHub.com must reach the webhook)."
  type        = list(string)
  validation {
    condition     = length(var.alb_subnet_ids) >= 2
    error_message = "alb_subnet_ids needs at least two subnets in different Availability Zones."
  }
}

variable "instance_subnet_ids" {
  description = "Private subnets of the gateway instances, in at least two Availability Zones."
  type        = list(string)
  validation {
    condition     = length(var.instance_subnet_ids) >= 2
    error_message = "instance_subnet_ids needs at least two subnets in different Availability Zones."
  }
}

variable "alb_internal" {
  description = "Make the load balancer internal (GitHub Enterprise Server in the same network). GitHub.com needs an internet-facing one."
  type        = bool
  default     = false
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener (the DNS name GitHub and the agents call)."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  validation {
    condition     = can(regex("^ELBSecurityPolicy-(TLS13|FS-1-2|TLS-1-2)", var.ssl_policy))
    error_message = "ssl_policy must be a TLS 1.2+ ELB security policy."
  }
}

variable "ami_id" {
  description = "Gateway AMI id (from packer/gateway.pkr.hcl). Set this or ami_ssm_parameter."
  type        = string
  default     = null
  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "ami_id must look like ami-0123abcd."
  }
}

variable "ami_ssm_parameter" {
  description = "SSM parameter holding the gateway AMI id (resolved by EC2 at launch). Used when ami_id is null."
  type        = string
  default     = "/hangar/ami/gateway"
  validation {
    condition     = startswith(var.ami_ssm_parameter, "/")
    error_message = "ami_ssm_parameter must be a parameter path starting with /."
  }
}

variable "instance_type" {
  description = "Gateway instance type."
  type        = string
  default     = "t3.small"
}

variable "min_size" {
  description = "Minimum number of gateway instances (at least 2 for one per Availability Zone)."
  type        = number
  default     = 2
  validation {
    condition     = var.min_size >= 1
    error_message = "min_size must be at least 1."
  }
}

variable "max_size" {
  description = "Maximum number of gateway instances."
  type        = number
  default     = 4
  validation {
    condition     = var.max_size >= 1 && var.max_size <= 20
    error_message = "max_size must be between 1 and 20."
  }
}

variable "gateway_port" {
  description = "Port the gateway listens on (server.port)."
  type        = number
  default     = 8080
  validation {
    condition     = var.gateway_port > 1024 && var.gateway_port < 65536
    error_message = "gateway_port must be an unprivileged port (1025-65535)."
  }
}

variable "body_limit_bytes" {
  description = "Largest accepted webhook body (server.bodyLimitBytes)."
  type        = number
  default     = 1048576
  validation {
    condition     = var.body_limit_bytes >= 65536 && var.body_limit_bytes <= 26214400
    error_message = "body_limit_bytes must be between 64 KiB and 25 MiB (GitHub caps payloads at 25 MB)."
  }
}

variable "github" {
  description = "GitHub App settings rendered into the gateway config: app_id, owner (org or owner/repo), runner_group, api_url (GHES: https://HOST/api/v3)."
  type = object({
    app_id       = string
    owner        = string
    runner_group = optional(string, "Default")
    api_url      = optional(string, "https://api.github.com")
  })
  validation {
    condition     = can(regex("^[0-9]+$", var.github.app_id))
    error_message = "github.app_id must be the numeric App id."
  }
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9_.-]+)?$", var.github.owner))
    error_message = "github.owner must be an organization or owner/repo."
  }
  validation {
    condition     = startswith(var.github.api_url, "https://")
    error_message = "github.api_url must be an https URL."
  }
}

variable "pools" {
  description = "Runner pools the gateway scales, in matching order (first match wins). Tiers name the Auto Scaling groups made by the runner-pool module."
  type = list(object({
    name        = string
    labels      = list(string)
    max_runners = number
    min_idle    = optional(number, 0)
    tiers = list(object({
      asg  = string
      kind = string
    }))
  }))
  validation {
    condition     = length(var.pools) > 0 && length(distinct([for p in var.pools : p.name])) == length(var.pools)
    error_message = "pools must be non-empty with unique names."
  }
  validation {
    condition     = alltrue(flatten([for p in var.pools : [for t in p.tiers : contains(["warm", "spot"], t.kind)]]))
    error_message = "Every tier kind must be warm or spot."
  }
  validation {
    condition     = alltrue([for p in var.pools : length(p.tiers) > 0 && p.max_runners > 0 && p.min_idle >= 0])
    error_message = "Every pool needs at least one tier, max_runners > 0 and min_idle >= 0."
  }
}

variable "extra_config" {
  description = "Further gateway config sections merged over the rendered ones (e.g. poolLoop or reconcile); keys must be ones the gateway knows, or it refuses to start."
  type        = any
  default     = {}
}

variable "queue_message_retention_seconds" {
  description = "How long an unconsumed job event stays in the FIFO queue."
  type        = number
  default     = 345600
  validation {
    condition     = var.queue_message_retention_seconds >= 3600 && var.queue_message_retention_seconds <= 1209600
    error_message = "Retention must be between 1 hour and 14 days."
  }
}

variable "queue_max_receive_count" {
  description = "Deliveries of one message before it moves to the dead-letter queue."
  type        = number
  default     = 5
  validation {
    condition     = var.queue_max_receive_count >= 1 && var.queue_max_receive_count <= 100
    error_message = "queue_max_receive_count must be between 1 and 100."
  }
}

variable "waf_rate_limit" {
  description = "Requests per IP per 5 minutes before WAF blocks it."
  type        = number
  default     = 3000
  validation {
    condition     = var.waf_rate_limit >= 100 && var.waf_rate_limit <= 2000000000
    error_message = "waf_rate_limit must be at least 100."
  }
}

variable "waf_allowed_countries" {
  description = "ISO 3166 country codes allowed to reach the load balancer; empty allows all. Include the countries of GitHub's hook senders and of your runners' NAT addresses."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for c in var.waf_allowed_countries : can(regex("^[A-Z]{2}$", c))])
    error_message = "Country codes are two upper-case letters."
  }
}

variable "github_hook_cidrs" {
  description = "Source ranges allowed to POST /webhook (the `hooks` list of GitHub's meta API); empty allows any source (the signature is always checked)."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for c in var.github_hook_cidrs : can(cidrhost(c, 0))])
    error_message = "github_hook_cidrs must be CIDR blocks."
  }
}

variable "log_retention_days" {
  description = "Retention of the gateway and WAF log groups."
  type        = number
  default     = 365
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "ledger_ttl_attribute" {
  description = "Attribute of ledger items holding their expiry (epoch seconds); DynamoDB deletes finished jobs after it."
  type        = string
  default     = "expiresAt"
}

variable "metric_namespace" {
  description = "CloudWatch namespace the gateway publishes its metrics to; PutMetricData is allowed only there."
  type        = string
  default     = "Hangar"
}

variable "identity_certificates_pem" {
  description = "AWS RSA-2048 public certificates (PEM text) that instance identity documents of the runner regions are signed with, as AWS publishes them in the EC2 user guide. Empty: the gateway's shipped certificates of the commercial regions. When set, they replace the shipped set for every region."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.identity_certificates_pem : startswith(trimspace(c), "-----BEGIN CERTIFICATE-----")])
    error_message = "Each entry must be a PEM certificate starting with -----BEGIN CERTIFICATE-----."
  }
}

variable "deletion_protection" {
  description = "Protect the load balancer and the ledger table from deletion."
  type        = bool
  default     = true
}

variable "metrics_scrape_cidrs" {
  description = "CIDR blocks of Prometheus servers allowed to scrape /metrics on the gateway port (not exposed through the load balancer)."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for c in var.metrics_scrape_cidrs : can(cidrhost(c, 0))])
    error_message = "metrics_scrape_cidrs must be CIDR blocks."
  }
}
