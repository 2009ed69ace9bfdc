package dev.modelchange.tck.realmongo;

import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.tck.Recorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records every change of notes, and separately their replacements. */
@ApplicationScoped
public class NoteObservers {
  private final Recorder<Note> all = new Recorder<>();
  private final Recorder<Note> replaces = new Recorder<>();

  void onNote(@Observes @ModelChange(Note.class) ChangeEvent<Note> e) {
    all.record(e);
  }

  void onReplace(@Observes @ModelChange(value = Note.class, operations = OperationType.REPLACE)
      ChangeEvent<Note> e) {
    replaces.record(e);
  }

  public Recorder<Note> all() {
    return all;
  }

  public Recorder<Note> replaces() {
    return replaces;
  }

  public void clear() {
    all.clear();
    replaces.clear();
  }
}
