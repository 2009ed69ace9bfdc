package dev.modelchange.tck.weld.instances;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** A {@link Receipts} file as read by the test: complete lines only (a line being written is left for later). */
final class ReceiptLog {
  /** One line: when, in which process, what kind, which id (or instance id, for a life event). */
  record Line(long at, long pid, String kind, String value) {}

  private final List<Line> lines;

  ReceiptLog(List<Line> lines) {
    this.lines = lines;
  }

  static ReceiptLog read(Path file) {
    List<Line> lines = new ArrayList<>();
    readFrom(file, 0, lines);
    return new ReceiptLog(List.copyOf(lines));
  }

  /**
   * Reads the complete lines of {@code file} from {@code offset} into {@code into}.
   *
   * @return the offset after the last complete line read
   */
  static long readFrom(Path file, long offset, List<Line> into) {
    if (!Files.exists(file)) {
      return offset;
    }
    byte[] bytes;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size <= offset) {
        return offset;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - offset));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // until the size seen
      }
      bytes = buffer.array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end == 0) {
      return offset;
    }
    for (String text : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
      String[] f = text.split(" ", 4);
      if (f.length == 4) {
        into.add(new Line(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3]));
      }
    }
    return offset + end;
  }

  List<Line> lines() {
    return lines;
  }

  List<Line> of(String kind) {
    return lines.stream().filter(l -> l.kind().equals(kind)).toList();
  }

  List<String> ids(String kind) {
    return lines.stream().filter(l -> l.kind().equals(kind)).map(Line::value).toList();
  }

  Set<String> distinctIds(String kind) {
    return new HashSet<>(ids(kind));
  }

  long count(String kind) {
    return lines.stream().filter(l -> l.kind().equals(kind)).count();
  }

  Optional<Line> last(String kind) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).kind().equals(kind)) {
        return Optional.of(lines.get(i));
      }
    }
    return Optional.empty();
  }

  Optional<Line> first(Predicate<Line> which) {
    return lines.stream().filter(which).findFirst();
  }
}
