package dev.tableexport.contract;

/** Limits of the APIs an export uses, shared by the operator and the runner. */
public final class ApiLimits {

  /** DynamoDB's largest Scan TotalSegments. */
  public static final int MAX_SCAN_SEGMENTS = 1_000_000;

  /** ExportTableToPointInTime's S3Prefix, in characters. */
  public static final int MAX_S3_PREFIX_LENGTH = 1024;

  /** S3's longest object key, in bytes of UTF-8 (the prefix included). */
  public static final int MAX_S3_KEY_BYTES = 1024;

  /** The most pods one export is split across (TableExport spec.parallelism, --parallelism). */
  public static final int MAX_EXPORT_PARALLELISM = 64;

  private ApiLimits() {}
}
