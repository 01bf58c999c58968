# One export of a DynamoDB table to S3, as a TableExport that `terraform apply` creates and waits
# for. Needs the operator and its CRDs installed, and a ContinuousBackup of the table in the
# namespace (README.md).
#
# A TableExport runs once and its spec is immutable: a changed input must make a new TableExport,
# never an update (which the API server refuses). So its name ends with a hash of its spec, and a
# change of the spec replaces it (kubernetes_manifest alone would create the renamed object and
# leave the old one behind).

locals {
  # Only the fields that are set: a null in a kubernetes_manifest shows as a change at every plan.
  spec = merge(
    {
      tableArn     = var.table_arn
      s3Bucket     = var.s3_bucket
      exportFormat = var.export_format
    },
    var.s3_prefix == null ? {} : { s3Prefix = var.s3_prefix },
    var.export_time == null ? {} : { exportTime = var.export_time },
  )
}

resource "terraform_data" "export_spec" {
  input = local.spec
}

resource "kubernetes_manifest" "table_export" {
  manifest = {
    apiVersion = "tableexport.dev/v1alpha1"
    kind       = "TableExport"
    metadata = {
      name      = "${var.name}-${substr(sha256(jsonencode(local.spec)), 0, 10)}"
      namespace = var.namespace
    }
    spec = local.spec
  }

  # Done when the export has COMPLETED. A FAILED export never gets there: apply waits until the
  # create timeout; kubectl describe tableexport NAME shows why it failed.
  wait {
    condition {
      type   = "Complete"
      status = "True"
    }
  }

  timeouts {
    create = "3h"
  }

  lifecycle {
    replace_triggered_by = [terraform_data.export_spec]
    # The new export runs before the previous TableExport goes (its data stays in S3).
    create_before_destroy = true
  }
}

# kubernetes_manifest keeps only the fields of its manifest in its object, so the export's status
# is read back through this data source, once the export has completed.
data "kubernetes_resource" "table_export" {
  api_version = "tableexport.dev/v1alpha1"
  kind        = "TableExport"
  metadata {
    name      = kubernetes_manifest.table_export.manifest.metadata.name
    namespace = var.namespace
  }
  depends_on = [kubernetes_manifest.table_export]
}
