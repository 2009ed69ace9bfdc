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

  void onCounter(@Observes @ModelChange(Counter.class) ChangeEvent<Counter> e) {
    e.fullDocument().ifPresent(c -> SEEN.add(c.getN()));
  }
}
