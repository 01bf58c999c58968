package dev.tableexport.runner.sink;

import dev.tableexport.runner.format.ExportFormat;
import dev.tableexport.runner.format.ItemEncoder;
import dev.tableexport.runner.format.LineWriter;
import dev.tableexport.runner.manifest.Md5;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.security.DigestOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One data file being written in memory: items are encoded, gzipped as a single member, and the
 * MD5 of the compressed bytes is computed on the way, ready for the manifest and Content-MD5.
 */
public final class DataFileWriter {

  private final String name;
  private final ChunkedBuffer compressed = new ChunkedBuffer();
  private final DigestOutputStream digest;
  private final GZIPOutputStream gzip;
  private final BufferedOutputStream uncompressed;
  private final ItemEncoder encoder;
  private long itemCount;

  /** @param name the file's name, suffix included */
  public DataFileWriter(ExportFormat format, String name) throws IOException {
    this.name = name;
    this.digest = new DigestOutputStream(compressed, Md5.newDigest());
    this.gzip = new GZIPOutputStream(digest, 64 * 1024);
    this.uncompressed = new BufferedOutputStream(gzip, 64 * 1024);
    this.encoder = format.openEncoder(uncompressed);
  }

  /** Returns the line's billed size. */
  public <T> long write(LineWriter<T> writer, T line) throws IOException {
    long billedSize = writer.write(encoder, line);
    itemCount++;
    return billedSize;
  }

  /** Compressed bytes so far; lags the items written by what the compressor still buffers. */
  public long compressedSize() {
    return compressed.size();
  }

  public long itemCount() {
    return itemCount;
  }

  public DataFile finish() throws IOException {
    encoder.close();
    uncompressed.flush();
    gzip.finish();
    digest.flush();
    return new DataFile(name, compressed, Md5.base64(digest.getMessageDigest().digest()), itemCount);
  }

  /** A finished data file, held in memory until it is uploaded. */
  public record DataFile(String name, ChunkedBuffer content, String md5Base64, long itemCount) {

    public long size() {
      return content.size();
    }
  }
}
