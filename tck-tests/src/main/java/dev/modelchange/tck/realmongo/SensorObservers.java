package dev.modelchange.tck.realmongo;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamGap;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the ids of inserted sensors, and the gaps. */
@ApplicationScoped
public class SensorObservers {
  private final List<String> inserted = new CopyOnWriteArrayList<>();
  private final List<ChangeStreamGap> gaps = new CopyOnWriteArrayList<>();

  void onInsert(@Observes @ModelChange(value = Sensor.class, operations = OperationType.INSERT)
      ChangeEvent<Sensor> e) {
    inserted.add(e.id());
  }

  void onGap(@Observes ChangeStreamGap gap) {
    gaps.add(gap);
  }

  public List<String> inserted() {
    return new ArrayList<>(inserted);
  }

  public List<ChangeStreamGap> gaps() {
    return new ArrayList<>(gaps);
  }
}
