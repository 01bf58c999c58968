package dev.tableexport.runner.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Lets a Scan keep its items as the response's JSON: for a request that carries a {@link
 * WireScanPage} as {@link #PAGE}, the items of a successful response go into that page, and the
 * SDK unmarshals only the rest, so no AttributeValue tree is built. It runs inside the SDK's retry
 * loop, after signing and sending: retries, signing, endpoints and credentials stay the SDK's.
 * Error responses pass through untouched.
 *
 * <p>DynamoDB's {@code x-amz-crc32} header is the checksum of the body as sent; since the SDK now
 * sees a shorter body, the header is checked here and removed before the SDK's own check. A
 * mismatch is the SDK's {@link Crc32MismatchException}, which its retry policy retries.
 */
public final class WireItemsInterceptor implements ExecutionInterceptor {

  public static final ExecutionAttribute<WireScanPage> PAGE =
      new ExecutionAttribute<>("tableexport.WireScanPage");

  private static final String CRC32_HEADER = "x-amz-crc32";

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    var response = context.httpResponse();
    if (attributes.getAttribute(PAGE) == null || !response.isSuccessful()) {
      return response;
    }
    return response.toBuilder().removeHeader(CRC32_HEADER).build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    var page = attributes.getAttribute(PAGE);
    var response = context.httpResponse();
    var content = context.responseBody();
    if (page == null || !response.isSuccessful() || content.isEmpty()) {
      return content;
    }
    try (var body = content.get()) {
      var bytes = readBody(body, response);
      var expected = response.firstMatchingHeader(CRC32_HEADER);
      if (expected.isPresent()) {
        var crc = new CRC32();
        crc.update(bytes);
        if (crc.getValue() != Long.parseLong(expected.get())) {
          throw Crc32MismatchException.builder()
              .message("Expected " + expected.get() + " as the Crc32 checksum of the Scan response"
                  + " but calculated " + crc.getValue())
              .build();
        }
      }
      if (response.firstMatchingHeader("Content-Encoding").filter("gzip"::equals).isPresent()) {
        bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
      }
      return Optional.of(new ByteArrayInputStream(page.split(bytes)));
    } catch (IOException e) {
      // An SdkClientException caused by an IOException: the SDK's retry policy retries it.
      throw SdkClientException.builder()
          .message("Reading a Scan response failed: " + e.getMessage())
          .cause(e)
          .build();
    }
  }

  /**
   * The body, read into one array of its Content-Length when it has one: readAllBytes would
   * gather a 1 MB page in small buffers and copy them into another.
   */
  private static byte[] readBody(InputStream body, SdkHttpResponse response) throws IOException {
    var contentLength = response.firstMatchingHeader("Content-Length").map(Long::parseLong);
    if (contentLength.isEmpty() || contentLength.get() > Integer.MAX_VALUE - 8) {
      return body.readAllBytes();
    }
    var bytes = new byte[contentLength.get().intValue()];
    int read = body.readNBytes(bytes, 0, bytes.length);
    if (read < bytes.length || body.read() != -1) {
      throw new IOException("The Scan response's body is not the " + bytes.length
          + " bytes its Content-Length says");
    }
    return bytes;
  }
}
