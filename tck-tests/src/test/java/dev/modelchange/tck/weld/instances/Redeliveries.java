package dev.modelchange.tck.weld.instances;

import dev.modelchange.tck.weld.instances.ReceiptLog.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why each job that arrived more than once (across the group's {@code ONE_INSTANCE} receipts) arrived again. For
 * each delivery after the first, by process {@code Q}, the delivery before it (by {@code P}, at {@code t0}) says:
 *
 * <ul>
 *   <li>whether it was a handover: {@code Q} took the lease (MODELCHANGE-081 in its log) after {@code t0}. If
 *       not, {@code P} delivered the job while {@code Q} already held the lease: two instances delivered at
 *       once, an <em>overlap</em>, which {@code ONE_INSTANCE} must never do.
 *   <li>what ended {@code P}'s turn after {@code t0}: a kill, a graceful stop, or a lease lost to a pause
 *       (MODELCHANGE-083 in its log); a handover with none of these is <em>unexplained</em>.
 * </ul>
 *
 * Each ending redelivers at most {@code checkpoint.max-events} plus what {@code P} received in the time a
 * checkpoint may be late before it ({@code checkpoint.max-delay}, plus the lease duration for a lease lost by not
 * renewing it).
 */
final class Redeliveries {
  /**
   * Something that ended a process's delivery: a kill, a graceful stop, a lease lost to a pause. It began at
   * {@code at} (a signal sent, a loss logged) and the process delivered nothing after {@code until} (it was gone,
   * or it had logged the loss); a checkpoint may be {@code lateness} old when it happens. A lease lost to a pause
   * is logged when the process notices, which may be after another took over and redelivered.
   */
  record Ending(String what, long pid, long at, long until, long lateness, boolean leaseLost) {}

  /** A process took the lease (MODELCHANGE-081) at {@code at}. */
  record Takeover(long pid, long at) {}

  private final Map<Ending, Integer> byEnding = new LinkedHashMap<>();
  private final Map<Ending, Long> bounds = new LinkedHashMap<>();
  private int overlaps;
  private int unexplained;
  private final List<String> samples = new ArrayList<>();

  Redeliveries(List<Line> oneInTimeOrder, List<Ending> endings, List<Takeover> takeovers, int maxEvents) {
    endings.forEach(e -> {
      byEnding.put(e, 0);
      long window = oneInTimeOrder.stream().filter(l -> l.pid() == e.pid() && l.at() <= e.until()
          && l.at() >= e.at() - e.lateness()).count();
      bounds.put(e, maxEvents + window);
    });
    Map<String, Line> previous = new HashMap<>();
    for (Line l : oneInTimeOrder) {
      Line before = previous.put(l.value(), l);
      if (before == null) {
        continue;
      }
      boolean handover = takeovers.stream().anyMatch(t -> t.pid() == l.pid() && t.at() >= before.at()
          && t.at() <= l.at());
      if (!handover) {
        overlaps++;
        sample("overlap", before, l);
        continue;
      }
      Ending cause = endings.stream().filter(e -> e.pid() == before.pid() && e.until() >= before.at()
          && (e.at() <= l.at() || e.leaseLost())).findFirst().orElse(null);
      if (cause != null) {
        byEnding.merge(cause, 1, Integer::sum);
      } else {
        unexplained++;
        sample("unexplained", before, l);
      }
    }
  }

  private void sample(String kind, Line before, Line again) {
    if (samples.size() < 6) {
      samples.add(kind + ": " + again.value() + " by pid " + before.pid() + " at " + before.at() + ", again by pid "
          + again.pid() + " at " + again.at());
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

  /** Endings that redelivered more than their bound, overlaps, and handovers that nothing explains. */
  List<String> problems() {
    List<String> p = new ArrayList<>();
    byEnding.forEach((e, n) -> {
      if (n > bounds.get(e)) {
        p.add(e.what() + " (pid " + e.pid() + ") redelivered " + n + " > bound " + bounds.get(e));
      }
    });
    if (overlaps > 0) {
      p.add(overlaps + " delivered by one instance while another held the lease");
    }
    if (unexplained > 0) {
      p.add(unexplained + " delivered again after a handover with no kill, stop or lost lease before it");
    }
    if (!p.isEmpty() && !samples.isEmpty()) {
      p.add("e.g. " + samples);
    }
    return p;
  }

  /** One phrase per ending, for the output. */
  String describe() {
    List<String> parts = new ArrayList<>();
    byEnding.forEach((e, n) -> parts.add(e.what() + " (pid " + e.pid() + "): " + n + " of at most "
        + bounds.get(e)));
    parts.add("overlaps: " + overlaps);
    parts.add("unexplained: " + unexplained);
    return String.join(", ", parts);
  }
}
