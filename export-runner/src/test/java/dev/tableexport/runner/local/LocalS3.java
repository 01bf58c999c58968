package dev.tableexport.runner.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An S3-compatible server (S3Proxy) on a free loopback port that checks real signatures with fixed
 * keys. The transient store keeps objects in memory and echoes encryption headers; the filesystem
 * store keeps them in a directory but answers 501 to encryption headers.
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY_ID = "tableexport";
  public static final String SECRET_ACCESS_KEY = "tableexport-local-secret";

  private final S3Proxy proxy;
  private final BlobStore store;

  private LocalS3(S3Proxy proxy, BlobStore store) {
    this.proxy = proxy;
    this.store = store;
  }

  public static BlobStore inMemoryStore() {
    return BlobStores.create("transient", new Properties());
  }

  public static BlobStore directoryStore(Path directory) {
    var properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", directory.toString());
    return BlobStores.create("filesystem", properties);
  }

  public static LocalS3 start(BlobStore store) throws Exception {
    return start(store, 0);
  }

  /** @param port 0 for a free one; a test starts a stopped store again on its port */
  public static LocalS3 start(BlobStore store, int port) throws Exception {
    var proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
            // Accept x-amz-expected-bucket-owner, which S3Proxy cannot check.
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    return new LocalS3(proxy, store);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public BlobStore store() {
    return store;
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  /** Stops the server and keeps the store, so that it can be served again. */
  public void stopServing() throws Exception {
    proxy.stop();
  }

  /** The port it serves on; -1 once stopped. */
  public int port() {
    return proxy.getPort();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    store.close();
  }
}
