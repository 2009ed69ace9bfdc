package dev.modelchange.tck.realmongo;

import dev.modelchange.ChangeStreamGap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the {@link ChangeStreamGap} CDI events. */
@ApplicationScoped
public class GapObserver {
  private final List<ChangeStreamGap> gaps = new CopyOnWriteArrayList<>();

  void onGap(@Observes ChangeStreamGap gap) {
    gaps.add(gap);
  }

  public List<ChangeStreamGap> gaps() {
    return new ArrayList<>(gaps);
  }

  public void clear() {
    gaps.clear();
  }
}
