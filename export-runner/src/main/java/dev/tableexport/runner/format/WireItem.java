package dev.tableexport.runner.format;

/**
 * One item as a Scan response holds it: the bytes of its attribute map in DynamoDB's wire JSON
 * ({@code {"pk":{"S":"a"},...}}), a slice of the response's body, kept as it came so that it is
 * parsed only once, by the encoder that writes it.
 */
public record WireItem(byte[] json, int offset, int length) {}
