package dev.tableexport.runner.export;

import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.source.ScanStart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What an export's checkpoints say a rerun starts from: the data files to keep, their items'
 * billed size, and where the scan goes on (none for a fresh start).
 *
 * @param nextSequence the sequence number of the next checkpoint written
 */
public record Resume(
    Optional<ScanStart> scan, List<DataFileEntry> files, long billedSizeBytes, long nextSequence) {

  public static Resume fresh() {
    return new Resume(Optional.empty(), List.of(), 0, 0);
  }

  /** The state the checkpoints add up to; for each segment, its newest position wins. */
  public static Resume of(List<Checkpoint> checkpoints) {
    if (checkpoints.isEmpty()) {
      return fresh();
    }
    var ordered =
        checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::sequence)).toList();
    var files = new ArrayList<DataFileEntry>();
    long billed = 0;
    Map<Integer, Map<String, AttributeValue>> startKeys = new HashMap<>();
    Set<Integer> done = new HashSet<>();
    for (var checkpoint : ordered) {
      if (checkpoint.file() != null) {
        files.add(checkpoint.file());
      }
      billed += checkpoint.billedSizeBytes();
      for (var position : checkpoint.positions()) {
        if (position.segmentDone()) {
          done.add(position.segment());
          startKeys.remove(position.segment());
        } else {
          startKeys.put(position.segment(), position.nextKey());
        }
      }
    }
    var last = ordered.getLast();
    return new Resume(
        Optional.of(new ScanStart(last.totalSegments(), Map.copyOf(startKeys), Set.copyOf(done))),
        List.copyOf(files),
        billed,
        last.sequence() + 1);
  }

  public Set<String> fileKeys() {
    var keys = new HashSet<String>();
    files.forEach(file -> keys.add(file.dataFileS3Key()));
    return keys;
  }
}
