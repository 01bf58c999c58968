package dev.tableexport.runner.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestLocationTest {

  @Test
  void summaryUriIsItsBucketAndKey() {
    var location = ManifestLocation.parse(
        "s3://exports/daily/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json")
        .orElseThrow();

    assertEquals("exports", location.bucket());
    assertEquals("daily/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json", location.key());
    assertEquals("daily/AWSDynamoDB/01768385930622-efd1a093/", location.exportDirectory());
    assertEquals("s3://exports/daily/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json",
        location.toString());
  }

  @Test
  void summaryAtTheBucketsRootIsOne() {
    assertEquals(Optional.of(new ManifestLocation("exports", "manifest-summary.json")),
        ManifestLocation.parse("s3://exports/manifest-summary.json"));
  }

  @Test
  void anythingButASummaryUriIsNone() {
    for (var uri : new String[] {"s3://exports", "s3://exports/AWSDynamoDB/x/",
        "s3://exports/x/manifest-files.json", "s3://exports/x/not-manifest-summary.json",
        "https://exports/x/manifest-summary.json", "exports/x/manifest-summary.json"}) {
      assertTrue(ManifestLocation.parse(uri).isEmpty(), uri);
    }
  }
}
