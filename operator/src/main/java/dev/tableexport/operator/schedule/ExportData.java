package dev.tableexport.operator.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.contract.S3Prefix;
import dev.tableexport.operator.api.TableExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes what an export wrote to S3: the objects of its folder
 * ({@code <prefix>/AWSDynamoDB/<ExportId>/}), and the data files its manifest-files.json lists,
 * which for an incremental export lie in the folder all incremental exports of the prefix share.
 */
class ExportData {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;

  ExportData(S3Client s3) {
    this.s3 = s3;
  }

  /** Deletes the export's objects; an export that never started wrote none. */
  void delete(TableExport export) {
    var arn = export.getStatus() == null ? null : export.getStatus().getExportArn();
    if (arn == null || !arn.contains("/export/")) {
      return;
    }
    var bucket = export.getSpec().getS3Bucket();
    var folder = S3Prefix.root(export.getSpec().getS3Prefix()) + "AWSDynamoDB/"
        + arn.substring(arn.lastIndexOf("/export/") + "/export/".length()) + "/";
    var keys = new ArrayList<>(dataFiles(bucket, folder + "manifest-files.json"));
    s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(folder)).contents().stream()
        .map(S3Object::key)
        .forEach(keys::add);
    for (int start = 0; start < keys.size(); start += DELETE_BATCH) {
      var batch = keys.subList(start, Math.min(keys.size(), start + DELETE_BATCH)).stream()
          .map(key -> ObjectIdentifier.builder().key(key).build())
          .toList();
      s3.deleteObjects(delete -> delete.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
    }
  }

  private List<String> dataFiles(String bucket, String manifestKey) {
    String manifest;
    try {
      manifest = s3.getObjectAsBytes(get -> get.bucket(bucket).key(manifestKey))
          .asString(StandardCharsets.UTF_8);
    } catch (NoSuchKeyException e) {
      return List.of();
    }
    var keys = new ArrayList<String>();
    for (var line : manifest.lines().filter(line -> !line.isBlank()).toList()) {
      try {
        keys.add(JSON.readTree(line).path("dataFileS3Key").asText());
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable line in " + manifestKey, e);
      }
    }
    return keys;
  }
}
