package dev.tableexport.runner.format;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes attribute values as Ion: S a string, N a decimal, B a blob, the sets lists annotated
 * {@code $dynamodb_SS}, {@code $dynamodb_NS}, {@code $dynamodb_BS}, M a struct, L a list.
 */
final class IonAttributeWriter implements AttributeWriter {

  private final IonWriter ion;

  IonAttributeWriter(IonWriter ion) {
    this.ion = ion;
  }

  /** An attribute map is a struct, as an M value is. */
  @Override
  public void startAttributes() throws IOException {
    startMap();
  }

  @Override
  public void endAttributes() throws IOException {
    endMap();
  }

  @Override
  public void name(String name) {
    ion.setFieldName(name);
  }

  @Override
  public void startMap() throws IOException {
    ion.stepIn(IonType.STRUCT);
  }

  @Override
  public void endMap() throws IOException {
    ion.stepOut();
  }

  @Override
  public void startList() throws IOException {
    ion.stepIn(IonType.LIST);
  }

  @Override
  public void endList() throws IOException {
    ion.stepOut();
  }

  @Override
  public void startSet(SetType type) throws IOException {
    ion.setTypeAnnotations("$dynamodb_" + type.name());
    ion.stepIn(IonType.LIST);
  }

  @Override
  public void endSet() throws IOException {
    ion.stepOut();
  }

  @Override
  public void string(char[] text, int offset, int length) throws IOException {
    ion.writeString(new String(text, offset, length));
  }

  @Override
  public void number(char[] text, int offset, int length, NumberText number) throws IOException {
    ion.writeDecimal(decimal(number));
  }

  /**
   * Trailing zeros go to the exponent, as in DynamoDB's own ION: the sample item whose DynamoDB
   * JSON reads {@code "PageCount":{"N":"600"},"Price":{"N":"2000"}} reads {@code
   * PageCount:6d2,Price:2d3} in Ion (export-format.md's ION example and number table; AWS's S3
   * import-format page). This is {@code new BigDecimal(text).stripTrailingZeros()}, made from the
   * digits already read.
   */
  static BigDecimal decimal(NumberText number) {
    if (number.isZero()) {
      return BigDecimal.ZERO;
    }
    int scale = -number.exponent();
    return number.fitsLong()
        ? BigDecimal.valueOf(number.unscaledLong(), scale)
        : new BigDecimal(new BigInteger(number.unscaledText()), scale);
  }

  @Override
  public void binary(byte[] bytes) throws IOException {
    ion.writeBlob(bytes);
  }

  @Override
  public void bool(boolean value) throws IOException {
    ion.writeBool(value);
  }

  // NULL as an untyped Ion null: export-format.md marks this mapping unconfirmed.
  @Override
  public void nul() throws IOException {
    ion.writeNull();
  }
}
