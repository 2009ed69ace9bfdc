package dev.modelchange.tck.weld.restart;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the sequence numbers it sees, across container restarts (a static list outlives the container). */
@ApplicationScoped
public class CountingObserver {
  static final List<Integer> SEEN = new CopyOnWriteArrayList<>();
  /** The run whose changes count; changes of earlier runs on the same server are not this run's to count. */
  static volatile String run;

  void onCounter(@Observes @ModelChange(Counter.class) ChangeEvent<Counter> e) {
    e.fullDocument().filter(c -> c.getRun() != null && c.getRun().equals(run)).ifPresent(c -> SEEN.add(c.getN()));
  }
}
