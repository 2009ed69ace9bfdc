package dev.modelchange.tck;

import dev.modelchange.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What an observer received, in order, with the thread that delivered each event. Thread-safe. */
public final class Recorder<T> {
  private final List<ChangeEvent<T>> events = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();

  public synchronized void record(ChangeEvent<T> event) {
    events.add(event);
    threads.add(Thread.currentThread().getName());
  }

  public synchronized List<ChangeEvent<T>> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> threads() {
    return List.copyOf(threads);
  }

  public synchronized int size() {
    return events.size();
  }

  /** A property of each event, in order. */
  public synchronized <R> List<R> map(Function<ChangeEvent<T>, R> f) {
    List<R> out = new ArrayList<>(events.size());
    events.forEach(e -> out.add(f.apply(e)));
    return out;
  }

  public synchronized void clear() {
    events.clear();
    threads.clear();
  }
}
