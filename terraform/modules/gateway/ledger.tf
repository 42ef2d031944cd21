# Job ledger shared by all gateway replicas (conditional writes). Layout: docs/ledger.md.
resource "aws_dynamodb_table" "ledger" {
  name                        = "${var.name_prefix}-ledger"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  deletion_protection_enabled = var.deletion_protection

  # Items: job#<jobId> (job state) and reg#<instanceId>#<launchId> (one-time registration claims).
  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "openPool"
    type = "S"
  }

  attribute {
    name = "jobId"
    type = "N"
  }

  # Sparse index: only jobs that are not completed carry openPool, so a pool's open jobs are
  # one Query that reads nothing else.
  global_secondary_index {
    name            = "open-by-pool"
    hash_key        = "openPool"
    range_key       = "jobId"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  ttl {
    attribute_name = var.ledger_ttl_attribute
    enabled        = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.this.arn
  }

  tags = local.tags
}
