package dev.modelchange.engine;

import dev.modelchange.filter.DocumentFilter;
import dev.modelchange.ChangeStreamGap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The programmatic listeners of one stream. Listeners whose filter is one equality ({@code Filters.eq("userId",
 * u)}) are indexed by path and value, so an event finds its listeners by lookup, whatever their number; the
 * others are tested one by one. Safe for concurrent subscribe and unsubscribe during delivery.
 */
final class ListenerRegistry implements ChangeSink {
  private static final Comparator<ChangeListenerSubscription<?>> BY_SEQUENCE =
      Comparator.comparingLong(ChangeListenerSubscription::sequence);

  private final Set<ChangeListenerSubscription<?>> scanned = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<Object, Set<ChangeListenerSubscription<?>>>> byEquality = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  /** The scanned listeners in subscription order, copied on each change: what an event without indexed match reads. */
  private volatile ChangeListenerSubscription<?>[] scannedInOrder = new ChangeListenerSubscription<?>[0];

  void add(ChangeListenerSubscription<?> listener) {
    Map.Entry<String, BsonValue> eq = listener.filter().singleEquality().orElse(null);
    if (eq == null) {
      scanned.add(listener);
      copyScanned();
    } else {
      byEquality.computeIfAbsent(eq.getKey(), k -> new ConcurrentHashMap<>())
          .computeIfAbsent(DocumentFilter.lookupKey(eq.getValue()), k -> ConcurrentHashMap.newKeySet())
          .add(listener);
    }
    size.incrementAndGet();
  }

  void remove(ChangeListenerSubscription<?> listener) {
    Map.Entry<String, BsonValue> eq = listener.filter().singleEquality().orElse(null);
    boolean removed;
    if (eq == null) {
      removed = scanned.remove(listener);
      copyScanned();
    } else {
      Map<Object, Set<ChangeListenerSubscription<?>>> byValue = byEquality.get(eq.getKey());
      Object key = DocumentFilter.lookupKey(eq.getValue());
      Set<ChangeListenerSubscription<?>> set = byValue == null ? null : byValue.get(key);
      removed = set != null && set.remove(listener);
      if (set != null && set.isEmpty()) {
        byValue.remove(key, set);
      }
    }
    if (removed) {
      size.decrementAndGet();
    }
  }

  private synchronized void copyScanned() {
    ChangeListenerSubscription<?>[] ordered = scanned.toArray(ChangeListenerSubscription<?>[]::new);
    java.util.Arrays.sort(ordered, BY_SEQUENCE);
    scannedInOrder = ordered;
  }

  int size() {
    return size.get();
  }

  @Override
  public boolean isEmpty() {
    return size.get() == 0;
  }

  @Override
  public int receivers() {
    return size.get();
  }

  @Override
  public boolean deliver(ReceivedChange change, List<CompletionStage<?>> pending) {
    Set<ChangeListenerSubscription<?>> viaIndex = indexedMatches(change.filterDocument());
    if (viaIndex.isEmpty()) { // the scanned ones only, already in order: no list, no sort per event
      boolean allReturned = true;
      for (ChangeListenerSubscription<?> l : scannedInOrder) {
        allReturned &= l.deliver(change, false);
      }
      return allReturned;
    }
    if (scanned.isEmpty()) {
      if (viaIndex.size() == 1) {
        return viaIndex.iterator().next().deliver(change, true);
      }
      if (viaIndex.isEmpty()) {
        return true;
      }
    }
    // subscription order, however each listener was found
    List<ChangeListenerSubscription<?>> all = new ArrayList<>(viaIndex.size() + scanned.size());
    all.addAll(viaIndex);
    all.addAll(scanned);
    all.sort(BY_SEQUENCE);
    boolean allReturned = true;
    for (ChangeListenerSubscription<?> l : all) {
      allReturned &= l.deliver(change, viaIndex.contains(l));
    }
    return allReturned;
  }

  private Set<ChangeListenerSubscription<?>> indexedMatches(BsonDocument document) {
    if (document == null || byEquality.isEmpty()) {
      return Set.of();
    }
    Set<ChangeListenerSubscription<?>> found = null;
    for (Map.Entry<String, Map<Object, Set<ChangeListenerSubscription<?>>>> index : byEquality.entrySet()) {
      List<BsonValue> values;
      try {
        values = DocumentFilter.valuesAt(document, index.getKey());
      } catch (RuntimeException e) {
        continue; // a path that cannot be followed in this document: its listeners do not match, the others do
      }
      for (BsonValue value : values) {
        Object key = DocumentFilter.lookupKey(value);
        Set<ChangeListenerSubscription<?>> listeners = key == null ? null : index.getValue().get(key);
        if (listeners != null && !listeners.isEmpty()) {
          if (found == null) {
            found = new HashSet<>();
          }
          found.addAll(listeners);
        }
      }
    }
    return found == null ? Set.of() : found;
  }

  @Override
  public void streamFailed(Throwable failure) {
    forEach(l -> l.error(failure));
  }

  @Override
  public void gap(ChangeStreamGap gap) {
    forEach(l -> l.gap(gap));
  }

  private void forEach(java.util.function.Consumer<ChangeListenerSubscription<?>> action) {
    List<ChangeListenerSubscription<?>> all = new ArrayList<>(scanned);
    byEquality.values().forEach(byValue -> byValue.values().forEach(all::addAll));
    all.sort(BY_SEQUENCE);
    all.forEach(action);
  }
}
