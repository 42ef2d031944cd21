# Job ledger shared by all gateway replicas (conditional writes). Layout: docs/ledger.md.
resource "aws_dynamodb_table" "ledger" {
  name                        = "${var.name_prefix}-ledger"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "jobId"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "jobId"
    type = "N"
  }

  attribute {
    name = "pool"
    type = "S"
  }

  attribute {
    name = "open"
    type = "N"
  }

  # Sparse index: only jobs that are not completed carry `open`, so a pool's demand is one query.
  global_secondary_index {
    name            = "pool-open"
    hash_key        = "pool"
    range_key       = "open"
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
