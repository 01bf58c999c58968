package dev.tableexport.runner.compact;

import com.amazon.ion.IonValue;
import dev.tableexport.runner.export.ExportFailure;
import dev.tableexport.runner.export.FailureTranslator;
import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.IncrementalRecord;
import dev.tableexport.runner.format.IonLineReader;
import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.manifest.Md5;
import dev.tableexport.runner.pitr.ChangeLog;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The lines of one data file of a chain link, streamed from S3 and decoded one at a time. Read to
 * its end, the file must match its manifest entry: the MD5 of its bytes, and its item count. A file
 * that cannot be read is named, and a checksum mismatch is said to be one even when it shows first
 * as data that does not decode.
 */
final class DataFileLines implements Closeable {

  private static final int BUFFER_BYTES = 64 * 1024;

  /** Decodes one line of the given form. */
  private interface Decoder<J, T> {
    T decode(J line) throws IOException;
  }

  private final String bucket;
  private final String uri;
  private final DataFileEntry file;
  private final ResponseInputStream<GetObjectResponse> object;
  private final DigestInputStream digest;
  private final BufferedReader json;
  private final Iterator<IonValue> ion;
  /** Why the file cannot be read at all (its gzip header is wrong), else null. */
  private final IOException unreadable;
  private long lines;

  private DataFileLines(String bucket, DataFileEntry file, ExportFormat format,
      ResponseInputStream<GetObjectResponse> object) {
    this.bucket = bucket;
    this.uri = "s3://" + bucket + "/" + file.dataFileS3Key();
    this.file = file;
    this.object = object;
    this.digest = new DigestInputStream(new BufferedInputStream(object, BUFFER_BYTES),
        Md5.newDigest());
    InputStream data = null;
    IOException problem = null;
    try {
      data = new GZIPInputStream(digest, BUFFER_BYTES);
    } catch (IOException e) {
      problem = e;
    }
    this.unreadable = problem;
    this.json = data != null && format == ExportFormat.DYNAMODB_JSON
        ? new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), BUFFER_BYTES)
        : null;
    this.ion = data != null && format == ExportFormat.ION ? IonLineReader.lines(data) : null;
  }

  static DataFileLines open(S3Client s3, ChainLink link, DataFileEntry file) {
    var bucket = link.location().bucket();
    var format = formatOf(link);
    try {
      return new DataFileLines(bucket, file, format,
          s3.getObject(get -> get.bucket(bucket).key(file.dataFileS3Key())));
    } catch (NoSuchKeyException e) {
      throw ExportManifests.corrupt("s3://" + bucket + "/" + file.dataFileS3Key(),
          "is missing, though the manifest-files.json of " + link.location() + " lists it");
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, bucket);
    }
  }

  /** The file's {@code s3://} URI. */
  String uri() {
    return uri;
  }

  /** The next item of a full export's file, or null at its end. */
  Map<String, AttributeValue> nextItem() {
    return next(ChangeLog::parseItem, IonLineReader::item);
  }

  /** The next record of an incremental export's file, or null at its end. */
  IncrementalRecord nextRecord() {
    return next(ChangeLog::parseRecord, IonLineReader::record);
  }

  private <T> T next(Decoder<byte[], T> fromJson, Decoder<IonValue, T> fromIon) {
    if (unreadable != null) {
      throw damaged(unreadable);
    }
    try {
      T line = null;
      if (json != null) {
        var text = json.readLine();
        while (text != null && text.isEmpty()) {
          text = json.readLine();
        }
        line = text == null ? null : fromJson.decode(text.getBytes(StandardCharsets.UTF_8));
      } else if (ion.hasNext()) {
        line = fromIon.decode(ion.next());
      }
      if (line == null) {
        checkComplete();
      } else {
        lines++;
      }
      return line;
    } catch (ExportFailure e) {
      throw e;
    } catch (SdkException e) {
      throw FailureTranslator.fromS3(e, bucket);
    } catch (IOException | RuntimeException e) {
      throw damaged(e);
    }
  }

  private void checkComplete() throws IOException {
    var md5 = restDigested();
    if (!md5.equals(file.md5Checksum())) {
      throw mismatch(md5);
    }
    if (lines != file.itemCount()) {
      throw ExportManifests.corrupt(uri, "holds " + lines + " lines, but its manifest entry says"
          + " itemCount " + file.itemCount());
    }
  }

  /** Why the file does not decode: a checksum mismatch if it has one, else what is wrong. */
  private ExportFailure damaged(Exception problem) {
    try {
      var md5 = restDigested();
      if (!md5.equals(file.md5Checksum())) {
        return mismatch(md5);
      }
    } catch (IOException e) {
      problem.addSuppressed(e);
    }
    var cause = problem instanceof UncheckedIOException unchecked ? unchecked.getCause() : problem;
    var what = cause instanceof ZipException || cause instanceof EOFException
        ? "is not a complete gzip file (" + cause.getMessage() + ")"
        : "cannot be read at line " + (lines + 1) + ": " + cause.getMessage();
    var failure = ExportManifests.corrupt(uri, what);
    failure.initCause(problem);
    return failure;
  }

  private ExportFailure mismatch(String md5) {
    return ExportManifests.corrupt(uri, "has MD5 " + md5 + ", but its manifest entry's md5Checksum"
        + " is " + file.md5Checksum() + ": the file was changed or damaged after the export");
  }

  /** The MD5 of the whole object, once what is left of it is read. */
  private String restDigested() throws IOException {
    digest.transferTo(OutputStream.nullOutputStream());
    return Md5.base64(digest.getMessageDigest().digest());
  }

  private static ExportFormat formatOf(ChainLink link) {
    try {
      return ExportFormat.valueOf(link.summary().outputFormat());
    } catch (IllegalArgumentException e) {
      throw ExportManifests.corrupt(link.location().toString(), "has outputFormat "
          + link.summary().outputFormat() + ", neither DYNAMODB_JSON nor ION");
    }
  }

  @Override
  public void close() throws IOException {
    object.close();
  }
}
