package dev.tableexport.runner.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** MD5 digests in the forms S3 and export manifests use. */
public final class Md5 {

  private Md5() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime provides MD5", e);
    }
  }

  /** Standard, padded base64 of the digest: a manifest's md5Checksum and S3's Content-MD5. */
  public static String base64(byte[] digest) {
    return Base64.getEncoder().encodeToString(digest);
  }

  public static String base64Of(byte[] content) {
    return base64(newDigest().digest(content));
  }
}
