package dev.modelchange.tck.realmongo;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the tick numbers it sees, and any gap. */
@ApplicationScoped
public class TickObserver {
  private final List<Integer> seen = new CopyOnWriteArrayList<>();
  private final List<ChangeStreamGap> gaps = new CopyOnWriteArrayList<>();

  void onTick(@Observes @ModelChange(Tick.class) ChangeEvent<Tick> e) {
    e.fullDocument().ifPresent(t -> seen.add(t.getId()));
  }

  void onGap(@Observes ChangeStreamGap gap) {
    gaps.add(gap);
  }

  public List<Integer> seen() {
    return new ArrayList<>(seen);
  }

  public List<ChangeStreamGap> gaps() {
    return new ArrayList<>(gaps);
  }
}
