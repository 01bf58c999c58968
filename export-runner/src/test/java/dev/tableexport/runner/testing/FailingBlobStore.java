package dev.tableexport.runner.testing;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** A store that, once armed, accepts a number of part uploads and then fails every further one. */
public final class FailingBlobStore extends ForwardingBlobStore {

  private final AtomicInteger partsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);

  public FailingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  public void failAfterParts(int parts) {
    partsBeforeFailure.set(parts);
  }

  public void heal() {
    partsBeforeFailure.set(Integer.MAX_VALUE);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream content) {
    if (partsBeforeFailure.getAndDecrement() <= 0) {
      throw new IllegalStateException("injected failure: the disk is on fire");
    }
    return super.uploadMultipartPart(upload, request, content);
  }
}
