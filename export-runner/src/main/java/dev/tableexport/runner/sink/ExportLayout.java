package dev.tableexport.runner.sink;

import dev.tableexport.contract.S3Prefix;

/**
 * Where each object of one export goes: {@code <prefix>/AWSDynamoDB/<ExportId>/...}. A prefix that
 * ends in {@code /} is joined without doubling the slash (export-format.md: unconfirmed, but never
 * {@code //}).
 */
public record ExportLayout(String s3Prefix, String exportId) {

  public String exportDirectory() {
    return root() + "AWSDynamoDB/" + exportId + "/";
  }

  public String startedKey() {
    return exportDirectory() + "_started";
  }

  /**
   * Where a running export keeps its checkpoints: a name DynamoDB's layout does not use, outside
   * {@code data/}, removed once the export completes.
   */
  public String checkpointDirectory() {
    return exportDirectory() + "_checkpoints/";
  }

  public String checkpointKey(long sequence) {
    return checkpointDirectory() + String.format("%012d.json", sequence);
  }

  public String dataDirectory() {
    return exportDirectory() + "data/";
  }

  public String dataFileKey(String fileName) {
    return dataDirectory() + fileName;
  }

  /** The one data folder that every incremental export under this prefix shares. */
  public String incrementalDataDirectory() {
    return root() + "AWSDynamoDB/data/";
  }

  public String manifestSummaryKey() {
    return exportDirectory() + "manifest-summary.json";
  }

  public String manifestSummaryMd5Key() {
    return exportDirectory() + "manifest-summary.md5";
  }

  public String manifestFilesKey() {
    return exportDirectory() + "manifest-files.json";
  }

  public String manifestFilesMd5Key() {
    return exportDirectory() + "manifest-files.md5";
  }

  private String root() {
    return S3Prefix.root(s3Prefix);
  }
}
