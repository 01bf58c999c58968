package dev.tableexport.operator.engine;

/**
 * A table's ItemCount and TableSizeBytes as DescribeTable reports them (DynamoDB updates them
 * about every six hours).
 */
public record TableSize(long items, long bytes) {}
