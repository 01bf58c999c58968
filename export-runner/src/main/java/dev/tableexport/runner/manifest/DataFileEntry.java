package dev.tableexport.runner.manifest;

/** One line of manifest-files.json: a data file as stored. */
public record DataFileEntry(long itemCount, String md5Checksum, String etag, String dataFileS3Key) {}
