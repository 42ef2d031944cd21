variable "name_prefix" {
  description = "Prefix of every resource name, e.g. hangar-prod."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name_prefix))
    error_message = "name_prefix must be 2-24 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name (Environment tag, budget and anomaly filters)."
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

variable "kms_key_arn" {
  description = "KMS key for the alarm topic and the trail log group (the gateway module's kms_key_arn)."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "metric_namespace" {
  description = "CloudWatch namespace the gateway publishes to (observability.metrics.cloudwatch.namespace)."
  type        = string
  default     = "Hangar"
}

variable "queue_name" {
  description = "Job-event FIFO queue (gateway module output queue_name)."
  type        = string
}

variable "dead_letter_queue_name" {
  description = "Dead-letter queue (gateway module output dead_letter_queue_name)."
  type        = string
}

variable "pools" {
  description = "Pool names, for per-pool dashboard rows."
  type        = list(string)
  validation {
    condition     = length(var.pools) > 0
    error_message = "pools must not be empty."
  }
}

variable "alarm_emails" {
  description = "Addresses subscribed to the alarm topic (each must confirm by mail)."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+$", e))])
    error_message = "alarm_emails must be e-mail addresses."
  }
}

variable "thresholds" {
  description = "Alarm thresholds: queue_age_secs (oldest job event), queue_depth, webhook_failures (rejected or failed webhooks per 5 min), registration_failures (per 5 min), pickup_minutes and pickup_backlog_jobs (alarm when a pool had more than pickup_backlog_jobs waiting jobs in every minute of pickup_minutes), spot_interruptions (per 15 min), runner_lag_days (behind latest runner release; GitHub stops at 30), ratelimit_remaining (GitHub requests left), reconcile_partial (reconcile cycles with a failed step per 15 min)."
  type = object({
    queue_age_secs        = optional(number, 300)
    queue_depth           = optional(number, 1000)
    webhook_failures      = optional(number, 10)
    registration_failures = optional(number, 5)
    pickup_minutes        = optional(number, 10)
    pickup_backlog_jobs   = optional(number, 0)
    spot_interruptions    = optional(number, 10)
    runner_lag_days       = optional(number, 14)
    ratelimit_remaining   = optional(number, 500)
    reconcile_partial     = optional(number, 3)
  })
  default = {}
  validation {
    condition     = var.thresholds.runner_lag_days < 30
    error_message = "runner_lag_days must stay below 30: GitHub stops sending jobs to runners more than 30 days behind."
  }
}

variable "monthly_budget_usd" {
  description = "Monthly budget for everything tagged hangar:deployment=<name_prefix>; alerts at 80% actual and 100% forecast."
  type        = number
  validation {
    condition     = var.monthly_budget_usd > 0
    error_message = "monthly_budget_usd must be positive."
  }
}

variable "budget_emails" {
  description = "Addresses notified by the budget and by cost anomalies."
  type        = list(string)
  validation {
    condition     = length(var.budget_emails) > 0
    error_message = "budget_emails needs at least one address."
  }
}

variable "anomaly_threshold_usd" {
  description = "Smallest total impact (USD) of a cost anomaly worth a mail."
  type        = number
  default     = 50
  validation {
    condition     = var.anomaly_threshold_usd >= 0
    error_message = "anomaly_threshold_usd must not be negative."
  }
}

variable "enable_cloudtrail" {
  description = "Create a multi-region CloudTrail trail (skip when an organization trail already records the account)."
  type        = bool
  default     = true
}

variable "trail_retention_days" {
  description = "Days CloudTrail log files are kept in the bucket."
  type        = number
  default     = 365
  validation {
    condition     = var.trail_retention_days >= 90
    error_message = "trail_retention_days must be at least 90."
  }
}

variable "log_retention_days" {
  description = "Retention of the trail's CloudWatch log group."
  type        = number
  default     = 365
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts."
  }
}
