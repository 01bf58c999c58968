package dev.tableexport.runner.sink;

import dev.tableexport.runner.manifest.Md5;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 calls of an export, each carrying what {@link S3Target} asks for. Every object written
 * is sent with its Content-MD5, so the store verifies what it received.
 */
public final class S3ObjectStore {

  private static final String OCTET_STREAM = "application/octet-stream";

  private final S3Client s3;
  private final S3Target target;
  private final IncompleteUploads incomplete;

  public S3ObjectStore(S3Client s3, S3Target target) {
    this.s3 = s3;
    this.target = target;
    this.incomplete = new IncompleteUploads(s3, target);
  }

  public void put(String key, byte[] content) {
    s3.putObject(
        put ->
            put.bucket(target.bucket())
                .key(key)
                .expectedBucketOwner(target.expectedBucketOwner())
                .serverSideEncryption(target.serverSideEncryption())
                .ssekmsKeyId(target.kmsKeyId())
                .contentMD5(Md5.base64Of(content)),
        RequestBody.fromBytes(content));
  }

  /**
   * Uploads a data file as a one-part multipart upload, as DynamoDB does (so its ETag reads {@code
   * <hex>-1}), and returns the stored object's ETag without quotes. A failed upload is aborted, and
   * so are other uploads of the same key once it is stored: a CreateMultipartUpload that the SDK
   * retried, or an attempt before a rerun, may have begun one.
   */
  public String uploadDataFile(String key, DataFileWriter.DataFile file) {
    var uploadId =
        s3.createMultipartUpload(
                create ->
                    create
                        .bucket(target.bucket())
                        .key(key)
                        .contentType(OCTET_STREAM)
                        .expectedBucketOwner(target.expectedBucketOwner())
                        .serverSideEncryption(target.serverSideEncryption())
                        .ssekmsKeyId(target.kmsKeyId()))
            .uploadId();
    incomplete.begun(key, uploadId);
    String etag;
    try {
      etag = uploadOnePart(key, uploadId, file);
    } catch (RuntimeException e) {
      incomplete.abort(key, uploadId);
      throw e;
    }
    incomplete.ended(uploadId);
    incomplete.abortOthers(key, uploadId);
    return etag;
  }

  private String uploadOnePart(String key, String uploadId, DataFileWriter.DataFile file) {
    var part =
        s3.uploadPart(
            upload ->
                upload
                    .bucket(target.bucket())
                    .key(key)
                    .uploadId(uploadId)
                    .partNumber(1)
                    .contentMD5(file.md5Base64())
                    .expectedBucketOwner(target.expectedBucketOwner()),
            RequestBody.fromContentProvider(
                file.content()::newInputStream, file.size(), OCTET_STREAM));
    var completed =
        s3.completeMultipartUpload(
            complete ->
                complete
                    .bucket(target.bucket())
                    .key(key)
                    .uploadId(uploadId)
                    .expectedBucketOwner(target.expectedBucketOwner())
                    .multipartUpload(
                        CompletedMultipartUpload.builder()
                            .parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())
                            .build()));
    return unquote(completed.eTag());
  }

  /** Aborts the uploads this store began and did not end (best-effort); returns how many. */
  public int abortBegunUploads() {
    return incomplete.abortBegun();
  }

  /** Aborts every incomplete upload under {@code prefix} (best-effort); returns how many. */
  public int abortIncompleteUploadsUnder(String prefix) {
    return incomplete.abortUnder(prefix);
  }

  public Optional<byte[]> getIfExists(String key) {
    try {
      return Optional.of(
          s3.getObjectAsBytes(
                  get ->
                      get.bucket(target.bucket())
                          .key(key)
                          .expectedBucketOwner(target.expectedBucketOwner()))
              .asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  public void delete(String key) {
    s3.deleteObject(
        delete ->
            delete.bucket(target.bucket()).key(key).expectedBucketOwner(target.expectedBucketOwner()));
  }

  /**
   * Deletes every object whose key starts with {@code prefix}, except those {@code kept}; returns
   * how many it deleted. One DeleteObject each: DeleteObjects needs a checksum header not every
   * S3-compatible store accepts, and this runs only on the few leftovers of an interrupted attempt.
   */
  public int deleteAllUnder(String prefix, Predicate<String> kept) {
    int deleted = 0;
    for (var key : keysUnder(prefix)) {
      if (!kept.test(key)) {
        delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  public int deleteAllUnder(String prefix) {
    return deleteAllUnder(prefix, key -> false);
  }

  /** The keys of the objects whose keys start with {@code prefix}, in S3's (lexical) order. */
  public List<String> keysUnder(String prefix) {
    var pages =
        s3.listObjectsV2Paginator(
            list ->
                list.bucket(target.bucket())
                    .prefix(prefix)
                    .expectedBucketOwner(target.expectedBucketOwner()));
    return pages.contents().stream().map(S3Object::key).toList();
  }

  private static String unquote(String etag) {
    return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }
}
