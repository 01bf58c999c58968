package dev.tableexport.runner.sink;

import dev.tableexport.contract.S3Prefix;

/**
 * Where each object of one export goes: {@code <prefix>/AWSDynamoDB/<ExportId>/...}. A prefix that
 * ends in {@code /} is joined without doubling the slash (export-format.md: unconfirmed, but never
 * {@code //}).
 *
 * <p>An export split across {@code workers} pods gives each its own checkpoints, its part record,
 * and data file names that start with a tag of its own, so that a rerun of one worker can tell its
 * files from the others'.
 */
public record ExportLayout(String s3Prefix, String exportId, int worker, int workers) {

  public ExportLayout(String s3Prefix, String exportId) {
    this(s3Prefix, exportId, 0, 1);
  }

  public boolean split() {
    return workers > 1;
  }

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
    return split()
        ? allCheckpointsDirectory() + workerName(worker) + "/" : allCheckpointsDirectory();
  }

  /** The checkpoints of every worker, and their parts. */
  public String allCheckpointsDirectory() {
    return exportDirectory() + "_checkpoints/";
  }

  /** Where the workers of a split export record what each wrote, for the manifests. */
  public String partsDirectory() {
    return allCheckpointsDirectory() + "parts/";
  }

  public String partKey(int worker) {
    return partsDirectory() + workerName(worker) + ".json";
  }

  /** A new data file name: random, and for a split export with this worker's tag first. */
  public String newDataFileName(String suffix) {
    return split()
        ? DataFileName.tagged(DataFileName.workerTag(exportId, worker), suffix)
        : DataFileName.random(suffix);
  }

  /**
   * Where this worker's data files and uploads are: all of the export's directory unless split,
   * else the data files that carry this worker's tag.
   */
  public String ownFilesPrefix() {
    return split() ? dataFileKey(DataFileName.workerTag(exportId, worker)) : exportDirectory();
  }

  /** The seed of derived data file names (incremental exports): each worker a series of its own. */
  public String derivedNameSeed() {
    return split() ? exportId + "/" + workerName(worker) : exportId;
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

  private static String workerName(int worker) {
    return String.format("worker-%04d", worker);
  }

  private String root() {
    return S3Prefix.root(s3Prefix);
  }
}
