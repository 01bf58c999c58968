package dev.tableexport.runner.compact;

import dev.tableexport.contract.FailureCodes;
import dev.tableexport.runner.export.ExportFailure;
import dev.tableexport.runner.export.FailureTranslator;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.manifest.ManifestFiles;
import dev.tableexport.runner.manifest.ManifestSummary;
import dev.tableexport.runner.manifest.Md5;
import dev.tableexport.runner.sink.S3ObjectStore;
import dev.tableexport.runner.sink.S3Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads an export's manifests: the summary, the files list next to it, and their {@code .md5}
 * sidecars, which must match where they exist.
 *
 * <p>An export copied with its objects to another bucket or prefix is read where it is now: the
 * files list is the one beside the summary, and data file keys recorded under the export's old
 * {@code AWSDynamoDB/} folder are read under its new one.
 */
final class ExportManifests {

  private static final String FILES = "manifest-files.json";

  private final S3Client s3;

  ExportManifests(S3Client s3) {
    this.s3 = s3;
  }

  ChainLink read(ManifestLocation location) {
    var objects = new S3ObjectStore(s3, new S3Target(location.bucket(), null, null, null));
    try {
      var summaryBytes = objects.getIfExists(location.key()).orElseThrow(() -> new ExportFailure(
          FailureCodes.VALIDATION, "There is no manifest at " + location + ": give the"
              + " manifest-summary.json of a completed export (it is written last, so an export"
              + " that has none did not complete)."));
      checkSidecar(objects, location, location.key(), summaryBytes);
      var summary = parse(location, summaryBytes);
      var filesKey = location.exportDirectory() + FILES;
      var filesBytes = objects.getIfExists(filesKey).orElseThrow(() -> corrupt(
          location.uri(filesKey), "is missing, though " + location + " names it"));
      checkSidecar(objects, location, filesKey, filesBytes);
      List<DataFileEntry> files;
      try {
        files = ManifestFiles.parse(filesBytes);
      } catch (IOException e) {
        throw corrupt(location.uri(filesKey), "cannot be read: " + e.getMessage());
      }
      return new ChainLink(location, summary, relocated(files, summary, location));
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, location.bucket());
    }
  }

  private static ManifestSummary parse(ManifestLocation location, byte[] bytes) {
    try {
      var summary = ManifestSummary.parse(bytes);
      if (summary.tableArn() == null || summary.outputFormat() == null) {
        throw new IOException("it has no tableArn or no outputFormat");
      }
      return summary;
    } catch (IOException | RuntimeException e) {
      throw corrupt(location.toString(), "is not an export's manifest summary: " + e.getMessage());
    }
  }

  /** The {@code .md5} sidecar DynamoDB writes beside each manifest, checked when it is there. */
  private static void checkSidecar(
      S3ObjectStore objects, ManifestLocation location, String manifestKey, byte[] manifest) {
    var sidecarKey = manifestKey.replaceFirst("\\.json$", ".md5");
    var sidecar = objects.getIfExists(sidecarKey);
    if (sidecar.isEmpty()) {
      return;
    }
    var expected = new String(sidecar.get(), StandardCharsets.US_ASCII).strip();
    var actual = Md5.base64Of(manifest);
    if (!actual.equals(expected)) {
      throw corrupt(location.uri(manifestKey), "has MD5 " + actual + ", but "
          + location.uri(sidecarKey) + " says " + expected + ": the manifest was changed or"
          + " damaged");
    }
  }

  private static List<DataFileEntry> relocated(
      List<DataFileEntry> files, ManifestSummary summary, ManifestLocation location) {
    var recorded = summary.manifestFilesS3Key();
    var now = location.exportDirectory() + FILES;
    if (recorded == null || recorded.equals(now) || !recorded.endsWith("/" + FILES)) {
      return files;
    }
    var recordedRoot = parent(recorded.substring(0, recorded.length() - FILES.length()));
    var root = parent(location.exportDirectory());
    return files.stream()
        .map(file -> file.dataFileS3Key().startsWith(recordedRoot)
            ? new DataFileEntry(file.itemCount(), file.md5Checksum(), file.etag(),
                root + file.dataFileS3Key().substring(recordedRoot.length()))
            : file)
        .toList();
  }

  /** {@code a/AWSDynamoDB/} of {@code a/AWSDynamoDB/<ExportId>/}. */
  private static String parent(String directory) {
    var withoutSlash = directory.substring(0, directory.length() - 1);
    return withoutSlash.substring(0, withoutSlash.lastIndexOf('/') + 1);
  }

  static ExportFailure corrupt(String object, String problem) {
    return new ExportFailure(FailureCodes.CORRUPT_EXPORT_OBJECT, object + " " + problem + ".");
  }
}
