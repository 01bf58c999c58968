package dev.tableexport.runner.testing;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A store that fails part uploads on demand: every one after a number of successes (a store that
 * breaks mid-export), or the next few with S3's 503 SlowDown (throttling that a retry outlasts).
 */
public final class FailingBlobStore extends ForwardingBlobStore {

  private final AtomicInteger partsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger throttledParts = new AtomicInteger();
  private final AtomicInteger throttledSoFar = new AtomicInteger();

  public FailingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  public void failAfterParts(int parts) {
    partsBeforeFailure.set(parts);
  }

  public void throttleNextParts(int parts) {
    throttledParts.set(parts);
  }

  public int throttledSoFar() {
    return throttledSoFar.get();
  }

  public void heal() {
    partsBeforeFailure.set(Integer.MAX_VALUE);
    throttledParts.set(0);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream content) {
    if (throttledParts.getAndDecrement() > 0) {
      throttledSoFar.incrementAndGet();
      throw S3Exception.builder()
          .statusCode(503)
          .awsErrorDetails(
              AwsErrorDetails.builder().errorCode("SlowDown").errorMessage("Please reduce your request rate.").build())
          .build();
    }
    if (partsBeforeFailure.getAndDecrement() <= 0) {
      throw new IllegalStateException("injected failure: the disk is on fire");
    }
    return super.uploadMultipartPart(upload, request, content);
  }
}
