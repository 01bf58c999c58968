package dev.tableexport.operator.continuousbackup;

import dev.tableexport.contract.BackupStatus;
import dev.tableexport.contract.StoreLocation;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads the status a table's recorder publishes in its store. */
public class StoreStatusReader {

  private final S3Client s3;

  public StoreStatusReader(S3Client s3) {
    this.s3 = s3;
  }

  /** Empty until the recorder has published; an unreadable status is an IOException. */
  Optional<BackupStatus> read(StoreLocation store, String tableName) throws IOException {
    try {
      var bytes = s3.getObjectAsBytes(get -> get.bucket(store.bucket()).key(store.statusKey(tableName)));
      return Optional.of(BackupStatus.parse(bytes.asByteArray()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }
}
