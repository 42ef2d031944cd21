variable "name_prefix" {
  description = "Prefix of every resource name, e.g. hangar-prod. Lowercase letters, digits and dashes."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name_prefix))
    error_message = "name_prefix must be 2-24 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name (Environment tag; the gateway may only tag instances of its own environment)."
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
  description = "Extra tags for every resource of the pool."
  type        = map(string)
  default     = {}
}

variable "pool" {
  description = "The pool: name (also the SQS message group and the hangar:pool tag) and the runner labels it serves."
  type = object({
    name   = string
    labels = list(string)
  })
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.pool.name))
    error_message = "pool.name must be 1-32 lowercase letters, digits or dashes."
  }
  validation {
    condition     = length(var.pool.labels) > 0
    error_message = "pool.labels must not be empty."
  }
}

variable "gateway_url" {
  description = "HTTPS URL of the gateway that agents register with (the load balancer's DNS name on its certificate)."
  type        = string
  validation {
    condition     = startswith(var.gateway_url, "https://")
    error_message = "gateway_url must be an https URL."
  }
}

variable "ami_id" {
  description = "Runner AMI id (from packer/runner.pkr.hcl). Set this or ami_ssm_parameter."
  type        = string
  default     = null
  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "ami_id must look like ami-0123abcd."
  }
}

variable "ami_ssm_parameter" {
  description = "SSM parameter holding the runner AMI id, resolved by EC2 at each launch (publish a new AMI by updating it). Used when ami_id is null."
  type        = string
  default     = "/hangar/ami/runner"
  validation {
    condition     = startswith(var.ami_ssm_parameter, "/")
    error_message = "ami_ssm_parameter must be a parameter path starting with /."
  }
}

variable "max_runners" {
  description = "Largest number of instances per tier (the gateway's maxRunners caps the pool as a whole)."
  type        = number
  validation {
    condition     = var.max_runners >= 1 && var.max_runners <= 5000
    error_message = "max_runners must be between 1 and 5000."
  }
}

variable "warm" {
  description = "On-demand tier with a warm pool. pool_state: Stopped (cheapest: pay only for EBS), Hibernated or Running. min_warm: instances kept pre-initialized; max_prepared: cap of warm + in-service (-1: max_runners)."
  type = object({
    instance_type    = string
    pool_state       = optional(string, "Stopped")
    min_warm         = optional(number, 2)
    max_prepared     = optional(number, -1)
    launch_hook_secs = optional(number, 900)
  })
  validation {
    condition     = contains(["Stopped", "Hibernated", "Running"], var.warm.pool_state)
    error_message = "warm.pool_state must be Stopped, Hibernated or Running."
  }
  validation {
    condition     = var.warm.min_warm >= 0 && var.warm.max_prepared >= -1
    error_message = "warm.min_warm must be >= 0 and warm.max_prepared >= -1."
  }
  validation {
    condition     = var.warm.launch_hook_secs >= 30 && var.warm.launch_hook_secs <= 7200
    error_message = "warm.launch_hook_secs must be between 30 and 7200 (lifecycle hook heartbeat limits)."
  }
}

variable "spot" {
  description = "Optional spot tier: a mixed-instances group (no warm pool: AWS allows none there). null disables it."
  type = object({
    instance_types      = list(string)
    allocation_strategy = optional(string, "capacity-optimized")
    max_price           = optional(string, null)
  })
  default = null
  validation {
    condition     = var.spot == null || try(length(var.spot.instance_types) >= 2, false)
    error_message = "spot.instance_types needs at least two types, so one capacity shortage does not empty the tier."
  }
  validation {
    condition     = var.spot == null || contains(["capacity-optimized", "price-capacity-optimized", "capacity-optimized-prioritized"], try(var.spot.allocation_strategy, ""))
    error_message = "spot.allocation_strategy must be capacity-optimized, price-capacity-optimized or capacity-optimized-prioritized."
  }
}

variable "termination_hook_secs" {
  description = "How long a terminating instance may take to deregister its runner and flush logs before termination continues."
  type        = number
  default     = 300
  validation {
    condition     = var.termination_hook_secs >= 30 && var.termination_hook_secs <= 7200
    error_message = "termination_hook_secs must be between 30 and 7200."
  }
}

variable "subnet_ids" {
  description = "Private subnets to place runners in (several AZs recommended). Empty: the default VPC's subnets in availability_zones. Public subnets are not needed (outbound through NAT or VPC endpoints)."
  type        = list(string)
  default     = []
}

variable "availability_zones" {
  description = "Availability Zones used when subnet_ids is empty (default VPC)."
  type        = list(string)
  default     = []
}

variable "vpc_id" {
  description = "VPC of subnet_ids. When set, the module creates the runner security group (HTTPS out only) and, if asked, VPC endpoints."
  type        = string
  default     = null
  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "security_group_ids" {
  description = "Extra security groups for the runners."
  type        = list(string)
  default     = []
}

variable "vpc_endpoints" {
  description = "Interface endpoints to create in vpc_id (e.g. [\"logs\", \"monitoring\", \"ssm\", \"ssmmessages\", \"ec2messages\"]) so AWS traffic bypasses NAT; an S3 gateway endpoint is added when route_table_ids is set."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for e in var.vpc_endpoints : contains(["logs", "monitoring", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "sts"], e)])
    error_message = "vpc_endpoints may contain logs, monitoring, ssm, ssmmessages, ec2messages, ecr.api, ecr.dkr, sts."
  }
}

variable "route_table_ids" {
  description = "Route tables of the runner subnets, for the S3 gateway endpoint (free; keeps caches and ECR layers off NAT)."
  type        = list(string)
  default     = []
}

variable "root_volume" {
  description = "Root volume of each runner: size in GiB, gp3 IOPS and throughput (MiB/s)."
  type = object({
    size_gib   = optional(number, 60)
    iops       = optional(number, 3000)
    throughput = optional(number, 250)
  })
  default = {}
  validation {
    condition     = var.root_volume.size_gib >= 20 && var.root_volume.size_gib <= 16384
    error_message = "root_volume.size_gib must be between 20 and 16384."
  }
}

variable "kms_key_arn" {
  description = "KMS key for the runner volumes and log group (the gateway module's kms_key_arn output; its key policy lets Auto Scaling use it)."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "log_retention_days" {
  description = "Retention of the pool's log group (agent and runner _diag logs)."
  type        = number
  default     = 365
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts."
  }
}

variable "enable_ssm_session" {
  description = "Attach AmazonSSMManagedInstanceCore so operators can open Session Manager shells (no SSH port)."
  type        = bool
  default     = true
}

variable "metric_namespace" {
  description = "CloudWatch namespace the instances may PutMetricData to besides CWAgent (the agent's EMF lines need no permission: CloudWatch Logs extracts them, namespace Hangar/Agent)."
  type        = string
  default     = "Hangar/Agent"
}
