package dev.modelchange.tck.weld.instances;

import dev.modelchange.tck.weld.instances.ReceiptLog.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why each job that arrived more than once (across the group's {@code ONE_INSTANCE} receipts) arrived again.
 * For each delivery after the first, the instance that delivered it the time before (process {@code P}, at
 * {@code t0}) tells the cause: {@code P} was killed between {@code t0} and the redelivery, or stopped gracefully
 * then, or lost its lease to a pause then (MODELCHANGE-083 in its log); else it is unexplained. Each cause is an
 * event; each event redelivers at most {@code checkpoint.max-events} plus what {@code P} received in the time a
 * checkpoint may be late ({@code checkpoint.max-delay}, plus the lease duration for a lease lost by not renewing
 * it).
 */
final class Redeliveries {
  /** Something that ended a process's delivery: a kill, a graceful stop, a lease lost to a pause. */
  record Ending(String what, long pid, long at, long lateness) {}

  private final Map<Ending, Integer> byEnding = new LinkedHashMap<>();
  private final Map<Ending, Long> bounds = new LinkedHashMap<>();
  private int unexplained;
  private final List<String> unexplainedSamples = new ArrayList<>();

  Redeliveries(List<Line> oneInTimeOrder, List<Ending> endings, int maxEvents) {
    endings.forEach(e -> {
      byEnding.put(e, 0);
      long window = oneInTimeOrder.stream().filter(l -> l.pid() == e.pid() && l.at() <= e.at()
          && l.at() >= e.at() - e.lateness()).count();
      bounds.put(e, maxEvents + window);
    });
    Map<String, Line> previous = new HashMap<>();
    for (Line l : oneInTimeOrder) {
      Line before = previous.put(l.value(), l);
      if (before == null) {
        continue;
      }
      Ending cause = endings.stream().filter(e -> e.pid() == before.pid() && before.at() <= e.at()
          && e.at() <= l.at()).findFirst().orElse(null);
      if (cause != null) {
        byEnding.merge(cause, 1, Integer::sum);
      } else {
        unexplained++;
        if (unexplainedSamples.size() < 5) {
          unexplainedSamples.add(l.value() + " by pid " + before.pid() + " at " + before.at() + ", again by pid "
              + l.pid() + " at " + l.at());
        }
      }
    }
  }

  int after(Ending e) {
    return byEnding.get(e);
  }

  long bound(Ending e) {
    return bounds.get(e);
  }

  /** Redeliveries after endings of this kind ({@code what} starting with it). */
  int afterAll(String what) {
    return byEnding.entrySet().stream().filter(x -> x.getKey().what().startsWith(what))
        .mapToInt(Map.Entry::getValue).sum();
  }

  int unexplained() {
    return unexplained;
  }

  /** Endings that redelivered more than their bound, and redeliveries with no ending to explain them. */
  List<String> problems() {
    List<String> p = new ArrayList<>();
    byEnding.forEach((e, n) -> {
      if (n > bounds.get(e)) {
        p.add(e.what() + " of pid " + e.pid() + " redelivered " + n + " > bound " + bounds.get(e));
      }
    });
    if (unexplained > 0) {
      p.add(unexplained + " redelivered with no kill, stop or lost lease before them, e.g. " + unexplainedSamples);
    }
    return p;
  }

  /** One phrase per ending, for the output. */
  String describe() {
    List<String> parts = new ArrayList<>();
    byEnding.forEach((e, n) -> parts.add(e.what() + " (pid " + e.pid() + "): " + n + " of at most "
        + bounds.get(e)));
    parts.add("unexplained: " + unexplained);
    return String.join(", ", parts);
  }
}
