package dev.tableexport.operator.api;

/** What an incremental export's records hold (DynamoDB: ExportViewType). */
public enum ExportViewType {
  NEW_AND_OLD_IMAGES,
  NEW_IMAGE
}
