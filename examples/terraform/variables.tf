variable "name" {
  description = "Start of the TableExport's name; a hash of the export's inputs ends it, so that changed inputs make a new export."
  type        = string
  default     = "orders"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$", var.name))
    error_message = "name must be lowercase letters, digits and dashes, at most 40 characters."
  }
}

variable "namespace" {
  description = "Namespace of the TableExport: the one of the table's ContinuousBackup, watched by the operator."
  type        = string
  default     = "dynamodb-exports"
}

variable "table_arn" {
  description = "ARN of the table to export; it needs a ContinuousBackup in the namespace."
  type        = string
  default     = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
}

variable "s3_bucket" {
  description = "Bucket the export is written to."
  type        = string
  default     = "my-dynamodb-exports"
}

variable "s3_prefix" {
  description = "Key prefix of the export's objects; null for the bucket's root."
  type        = string
  default     = "orders/terraform"
}

variable "export_format" {
  description = "DYNAMODB_JSON or ION."
  type        = string
  default     = "DYNAMODB_JSON"

  validation {
    condition     = contains(["DYNAMODB_JSON", "ION"], var.export_format)
    error_message = "export_format must be DYNAMODB_JSON or ION."
  }
}

variable "export_time" {
  description = "Time to export the table at, RFC 3339 (2026-01-14T09:00:00Z); null for the latest restorable time."
  type        = string
  default     = null
}

variable "kubeconfig_path" {
  description = "Kubeconfig of the cluster that runs the operator."
  type        = string
  default     = "~/.kube/config"
}

variable "kubeconfig_context" {
  description = "Context of the kubeconfig to use; null for its current context."
  type        = string
  default     = null
}
