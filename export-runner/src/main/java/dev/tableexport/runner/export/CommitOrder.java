package dev.tableexport.runner.export;

import dev.tableexport.runner.manifest.DataFileEntry;
import dev.tableexport.runner.source.ScanPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The data files of one encoder, committed in the order it wrote them, each once it and every
 * file before it are uploaded: uploads finish out of order, yet a segment's position may only
 * move past lines that are all durable. Thread-safe.
 */
final class CommitOrder {

  /** What became durable: a data file (null for none) and the positions its lines lead to. */
  record Durable(DataFileEntry file, long billedSizeBytes, List<ScanPosition> positions) {}

  /** A file handed to an upload thread, not committed yet. */
  static final class Pending {
    private final List<ScanPosition> positions;
    private final long billedSizeBytes;
    private DataFileEntry uploaded;

    private Pending(List<ScanPosition> positions, long billedSizeBytes) {
      this.positions = new ArrayList<>(positions);
      this.billedSizeBytes = billedSizeBytes;
    }
  }

  private final Deque<Pending> pending = new ArrayDeque<>();
  private final Consumer<Durable> commit;

  /** @param commit called in commit order, under this object's lock */
  CommitOrder(Consumer<Durable> commit) {
    this.commit = commit;
  }

  synchronized Pending submitted(List<ScanPosition> positions, long billedSizeBytes) {
    var file = new Pending(positions, billedSizeBytes);
    pending.addLast(file);
    return file;
  }

  synchronized void uploaded(Pending file, DataFileEntry entry) {
    file.uploaded = entry;
    while (!pending.isEmpty() && pending.peekFirst().uploaded != null) {
      var next = pending.removeFirst();
      commit.accept(new Durable(next.uploaded, next.billedSizeBytes, next.positions));
    }
  }

  /**
   * A position reached with no line since the last file (a page with no items): it is durable
   * with that file, or at once when nothing is pending.
   */
  synchronized void afterLast(ScanPosition position) {
    if (pending.isEmpty()) {
      commit.accept(new Durable(null, 0, List.of(position)));
    } else {
      pending.peekLast().positions.add(position);
    }
  }
}
