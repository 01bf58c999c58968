package dev.tableexport.runner.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A store that misbehaves on demand: fails every part upload after a number of successes (a store
 * that breaks mid-export), answers the next few with an error of S3's (503 SlowDown: throttling
 * that a retry outlasts), pauses a CreateMultipartUpload until the SDK retries it (orphaning the
 * first upload), or holds part uploads until released (a process to kill mid-upload).
 */
public final class FailingBlobStore extends ForwardingBlobStore {

  private final AtomicInteger partsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger answeredParts = new AtomicInteger();
  private final AtomicInteger answeredSoFar = new AtomicInteger();
  private final AtomicReference<S3Exception> answer = new AtomicReference<>();
  private final AtomicBoolean pauseNextInitiate = new AtomicBoolean();
  private final AtomicReference<String> pausedKey = new AtomicReference<>();
  private final AtomicReference<CountDownLatch> retried =
      new AtomicReference<>(new CountDownLatch(1));
  private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
  private final AtomicReference<CountDownLatch> partHeld =
      new AtomicReference<>(new CountDownLatch(1));

  private final AtomicReference<String> throttledPut = new AtomicReference<>();
  private final AtomicReference<Duration> partDelay = new AtomicReference<>(Duration.ZERO);

  public FailingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  /** Every part upload takes at least this long: an export of a small table lasts a while. */
  public void delayParts(Duration delay) {
    partDelay.set(delay);
  }

  public void failAfterParts(int parts) {
    partsBeforeFailure.set(parts);
  }

  public void throttleNextParts(int parts) {
    answerNextParts(parts, 503, "SlowDown", "Please reduce your request rate.");
  }

  /** The next {@code parts} part uploads get this answer; a null code sends none. */
  public void answerNextParts(int parts, int status, String errorCode, String message) {
    var details = errorCode == null ? null
        : AwsErrorDetails.builder().errorCode(errorCode).errorMessage(message).build();
    answer.set((S3Exception) S3Exception.builder().statusCode(status).awsErrorDetails(details).build());
    answeredParts.set(parts);
  }

  /**
   * Every PutObject of a key that ends with {@code keySuffix} gets 503 SlowDown until {@link
   * #heal()}: past the SDK's retries and the runner's.
   */
  public void throttlePutsOf(String keySuffix) {
    throttledPut.set(keySuffix);
  }

  public int throttledSoFar() {
    return answeredSoFar.get();
  }

  /**
   * The next CreateMultipartUpload creates the upload, then answers only once the client has
   * given up on it and sent the same request again: the first upload is orphaned, as when S3
   * pauses longer than the SDK's attempt timeout.
   */
  public void pauseNextInitiateUntilRetried() {
    retried.set(new CountDownLatch(1));
    pauseNextInitiate.set(true);
  }

  /** Part uploads are stored, then wait until {@link #heal()} before they answer. */
  public void holdParts() {
    partHeld.set(new CountDownLatch(1));
    hold.set(new CountDownLatch(1));
  }

  /** Waits until a part upload is being held; false if none is within {@code timeout}. */
  public boolean awaitHeldPart(Duration timeout) throws InterruptedException {
    return partHeld.get().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void heal() {
    throttledPut.set(null);
    partsBeforeFailure.set(Integer.MAX_VALUE);
    answeredParts.set(0);
    answeredSoFar.set(0);
    pauseNextInitiate.set(false);
    retried.get().countDown();
    var held = hold.getAndSet(null);
    if (held != null) {
      held.countDown();
    }
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    var suffix = throttledPut.get();
    if (suffix != null && request.key().endsWith(suffix)) {
      answeredSoFar.incrementAndGet();
      drain(content);
      throw (S3Exception) S3Exception.builder().statusCode(503)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown")
              .errorMessage("Please reduce your request rate.").build())
          .build();
    }
    return super.putBlob(request, content);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    var upload = super.initiateMultipartUpload(request);
    if (pauseNextInitiate.compareAndSet(true, false)) {
      pausedKey.set(request.key());
      await(retried.get());
    } else if (request.key().equals(pausedKey.get())) {
      retried.get().countDown();
    }
    return upload;
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream content) {
    if (answeredParts.getAndDecrement() > 0) {
      answeredSoFar.incrementAndGet();
      drain(content);
      throw answer.get();
    }
    pause(partDelay.get());
    if (partsBeforeFailure.getAndDecrement() <= 0) {
      throw new IllegalStateException("injected failure: the disk is on fire");
    }
    var stored = super.uploadMultipartPart(upload, request, content);
    var held = hold.get();
    if (held != null) {
      partHeld.get().countDown();
      await(held);
    }
    return stored;
  }

  /** Reads the request body, so that the client gets the answer rather than a reset connection. */
  private static void drain(InputStream content) {
    try {
      content.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A slow store's latency, not a wait for something to happen. */
  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
