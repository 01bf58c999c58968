package dev.tableexport.runner.sink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The multipart uploads a run began and has not ended, and the aborting of incomplete ones: those
 * the run began, those under an export's own prefix (what a killed attempt left), and the others of
 * one key (what an SDK retry of CreateMultipartUpload left). Aborting is best-effort: it is logged,
 * never fails an export, so that a role without s3:ListBucketMultipartUploads still exports.
 */
final class IncompleteUploads {

  private static final Logger LOG = LoggerFactory.getLogger(IncompleteUploads.class);

  private final S3Client s3;
  private final S3Target target;
  private final Map<String, String> begun = new ConcurrentHashMap<>();

  IncompleteUploads(S3Client s3, S3Target target) {
    this.s3 = s3;
    this.target = target;
  }

  void begun(String key, String uploadId) {
    begun.put(uploadId, key);
  }

  void ended(String uploadId) {
    begun.remove(uploadId);
  }

  /** Aborts every upload this run began and did not end; returns how many. */
  int abortBegun() {
    int aborted = 0;
    for (var upload : Map.copyOf(begun).entrySet()) {
      if (abort(upload.getValue(), upload.getKey())) {
        aborted++;
      }
    }
    return aborted;
  }

  /** Aborts every incomplete upload whose key starts with {@code prefix}; returns how many. */
  int abortUnder(String prefix) {
    int aborted = 0;
    for (var upload : list(prefix)) {
      if (upload.key().startsWith(prefix) && abort(upload.key(), upload.uploadId())) {
        aborted++;
      }
    }
    return aborted;
  }

  /** Aborts the incomplete uploads of {@code key} other than {@code kept}. */
  void abortOthers(String key, String kept) {
    for (var upload : list(key)) {
      if (upload.key().equals(key) && !upload.uploadId().equals(kept)) {
        abort(key, upload.uploadId());
      }
    }
  }

  /** Aborts one upload; false (logged) when S3 refuses. */
  boolean abort(String key, String uploadId) {
    try {
      uninterrupted(() -> s3.abortMultipartUpload(
          abort ->
              abort
                  .bucket(target.bucket())
                  .key(key)
                  .uploadId(uploadId)
                  .expectedBucketOwner(target.expectedBucketOwner())));
      begun.remove(uploadId);
      return true;
    } catch (SdkException e) {
      LOG.warn("Could not abort the multipart upload of s3://{}/{}: {}", target.bucket(), key,
          e.getMessage());
      return false;
    }
  }

  private List<MultipartUpload> list(String prefix) {
    try {
      return uninterrupted(() -> s3.listMultipartUploadsPaginator(
              list ->
                  list.bucket(target.bucket())
                      .prefix(prefix)
                      .expectedBucketOwner(target.expectedBucketOwner()))
          .uploads()
          .stream()
          .toList());
    } catch (SdkException e) {
      LOG.warn("Could not list the incomplete multipart uploads under s3://{}/{}: {}",
          target.bucket(), prefix, e.getMessage());
      return List.of();
    }
  }

  /**
   * Runs an S3 call also from a thread being interrupted (an export stopped by SIGTERM): the SDK
   * refuses to send a request while the thread's interrupt flag is set, so it is set aside.
   */
  private static <T> T uninterrupted(Supplier<T> call) {
    boolean interrupted = Thread.interrupted();
    try {
      return call.get();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
