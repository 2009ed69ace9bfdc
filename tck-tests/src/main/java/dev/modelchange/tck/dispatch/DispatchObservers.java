package dev.modelchange.tck.dispatch;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ModelChange;
import dev.modelchange.tck.Recorder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Synchronous observers with priorities, an asynchronous one, a throwing one, and a failure observer. */
@ApplicationScoped
public class DispatchObservers {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Recorder<Order> async = new Recorder<>();
  private final Recorder<Order> thrower = new Recorder<>();
  private final List<ChangeStreamFailure> failures = new CopyOnWriteArrayList<>();

  void late(@Observes @Priority(3000) @ModelChange(Order.class) ChangeEvent<Order> e) {
    calls.add("late:" + item(e));
  }

  void early(@Observes @Priority(100) @ModelChange(Order.class) ChangeEvent<Order> e) {
    calls.add("early:" + item(e));
  }

  void middle(@Observes @Priority(2000) @ModelChange(Order.class) ChangeEvent<Order> e) {
    calls.add("middle:" + item(e));
  }

  void async(@ObservesAsync @ModelChange(Order.class) ChangeEvent<Order> e) {
    async.record(e);
  }

  void throwing(@Observes @Priority(1500) @ModelChange(Order.class) ChangeEvent<Order> e) {
    thrower.record(e);
    if ("boom".equals(item(e))) {
      throw new IllegalStateException("observer fails on purpose for " + e.id());
    }
  }

  void onFailure(@Observes ChangeStreamFailure failure) {
    failures.add(failure);
  }

  private static String item(ChangeEvent<Order> e) {
    return e.fullDocument().map(Order::getItem).orElse("?");
  }

  public List<String> calls() {
    return new ArrayList<>(calls);
  }

  public Recorder<Order> async() {
    return async;
  }

  public Recorder<Order> thrower() {
    return thrower;
  }

  public List<ChangeStreamFailure> failures() {
    return new ArrayList<>(failures);
  }

  public void clear() {
    calls.clear();
    async.clear();
    thrower.clear();
    failures.clear();
  }
}
