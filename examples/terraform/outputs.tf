output "table_export_name" {
  description = "Name of the TableExport: kubectl describe tableexport NAME."
  value       = kubernetes_manifest.table_export.manifest.metadata.name
}

output "export_arn" {
  description = "ExportArn of the export, as DynamoDB's describe-export names it."
  value       = data.kubernetes_resource.table_export.object.status.exportArn
}

output "export_manifest" {
  description = "S3 URI of the export's manifest-summary.json."
  value       = "s3://${var.s3_bucket}/${data.kubernetes_resource.table_export.object.status.exportManifest}"
}

output "item_count" {
  description = "Number of items exported."
  value       = data.kubernetes_resource.table_export.object.status.itemCount
}
