package dev.tableexport.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.runner.local.LocalS3;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Deleting an export's data on S3Proxy: its folder and its listed data files, nothing else. */
class ExportDataIT {

  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
  private static LocalS3 local;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    local = LocalS3.start(LocalS3.inMemoryStore());
    s3 = S3Client.builder().region(Region.EU_WEST_1).endpointOverride(local.endpoint())
        .forcePathStyle(true).credentialsProvider(LocalS3.credentials()).build();
    s3.createBucket(create -> create.bucket("exports"));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    local.close();
  }

  private static void put(String key, String body) {
    s3.putObject(put -> put.bucket("exports").key(key), RequestBody.fromString(body));
  }

  private static TableExport export(String exportId) {
    var export = new TableExport();
    var spec = new TableExportSpec();
    spec.setTableArn(ARN);
    spec.setS3Bucket("exports");
    spec.setS3Prefix("changes");
    export.setSpec(spec);
    var status = new TableExportStatus();
    status.setExportArn(ARN + "/export/" + exportId);
    export.setStatus(status);
    return export;
  }

  private static List<String> keys(String prefix) {
    return s3.listObjectsV2Paginator(list -> list.bucket("exports").prefix(prefix)).contents()
        .stream()
        .map(S3Object::key).sorted().toList();
  }

  @Test
  void deletesTheExportsFolderAndTheSharedDataFilesItsManifestLists() {
    var mine = "changes/AWSDynamoDB/01768385930622-efd1a093/";
    var other = "changes/AWSDynamoDB/01768386830622-0badcafe/";
    put(mine + "manifest-summary.json", "{}");
    put(mine + "manifest-files.json",
        "{\"itemCount\":1,\"md5Checksum\":\"x\",\"etag\":\"y\",\"dataFileS3Key\":"
            + "\"changes/AWSDynamoDB/data/aaaa.json.gz\"}\n"
            + "{\"itemCount\":2,\"md5Checksum\":\"x\",\"etag\":\"y\",\"dataFileS3Key\":"
            + "\"changes/AWSDynamoDB/data/bbbb.json.gz\"}\n");
    put(mine + "_started", "");
    put("changes/AWSDynamoDB/data/aaaa.json.gz", "a");
    put("changes/AWSDynamoDB/data/bbbb.json.gz", "b");
    put("changes/AWSDynamoDB/data/cccc.json.gz", "c");
    put(other + "manifest-summary.json", "{}");

    new ExportData(s3).delete(export("01768385930622-efd1a093"));

    assertEquals(List.of(other + "manifest-summary.json",
        "changes/AWSDynamoDB/data/cccc.json.gz"), keys("changes/"));
  }

  @Test
  void anExportThatNeverStartedHasNothingToDelete() {
    var export = export("unused");
    export.getStatus().setExportArn(null);
    export.getSpec().setS3Prefix("unstarted");
    put("unstarted/AWSDynamoDB/01768387730622-00000000/manifest-summary.json", "{}");

    new ExportData(s3).delete(export);

    assertEquals(List.of("unstarted/AWSDynamoDB/01768387730622-00000000/manifest-summary.json"),
        keys("unstarted/"));
  }
}
