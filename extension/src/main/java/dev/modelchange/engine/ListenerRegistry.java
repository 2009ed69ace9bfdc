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
 * others are tested one by one. Safe for concurrent subscribe and unsubscribe during delivery. The listeners of
 * one value are an array replaced on each change (most values have one listener: a set per value cost ~240 bytes).
 */
final class ListenerRegistry implements ChangeSink {
  private static final Comparator<ChangeListenerSubscription<?>> BY_SEQUENCE =
      Comparator.comparingLong(ChangeListenerSubscription::sequence);

  private final Set<ChangeListenerSubscription<?>> scanned = ConcurrentHashMap.newKeySet();
  private static final ChangeListenerSubscription<?>[] NONE = new ChangeListenerSubscription<?>[0];

  private final Map<String, Map<Object, ChangeListenerSubscription<?>[]>> byEquality = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  /** The scanned listeners in subscription order, copied on each change: what an event without indexed match reads. */
  private volatile ChangeListenerSubscription<?>[] scannedInOrder = NONE;

  void add(ChangeListenerSubscription<?> listener) {
    Map.Entry<String, BsonValue> eq = listener.filter().singleEquality().orElse(null);
    if (eq == null) {
      scanned.add(listener);
      copyScanned();
    } else {
      byEquality.computeIfAbsent(eq.getKey(), k -> new ConcurrentHashMap<>())
          .merge(DocumentFilter.lookupKey(eq.getValue()), new ChangeListenerSubscription<?>[] {listener},
              ListenerRegistry::joined);
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
      Map<Object, ChangeListenerSubscription<?>[]> byValue = byEquality.get(eq.getKey());
      boolean[] found = {false};
      if (byValue != null) {
        byValue.computeIfPresent(DocumentFilter.lookupKey(eq.getValue()), (k, listeners) -> {
          ChangeListenerSubscription<?>[] left = without(listeners, listener);
          found[0] = left.length < listeners.length;
          return left.length == 0 ? null : left;
        });
      }
      removed = found[0];
    }
    if (removed) {
      size.decrementAndGet();
    }
  }

  private static ChangeListenerSubscription<?>[] joined(ChangeListenerSubscription<?>[] a,
      ChangeListenerSubscription<?>[] b) {
    ChangeListenerSubscription<?>[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static ChangeListenerSubscription<?>[] without(ChangeListenerSubscription<?>[] listeners,
      ChangeListenerSubscription<?> gone) {
    List<ChangeListenerSubscription<?>> left = new ArrayList<>(List.of(listeners));
    left.remove(gone);
    return left.toArray(NONE);
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
    for (Map.Entry<String, Map<Object, ChangeListenerSubscription<?>[]>> index : byEquality.entrySet()) {
      List<BsonValue> values;
      try {
        values = DocumentFilter.valuesAt(document, index.getKey());
      } catch (RuntimeException e) {
        continue; // a path that cannot be followed in this document: its listeners do not match, the others do
      }
      for (BsonValue value : values) {
        Object key = DocumentFilter.lookupKey(value);
        ChangeListenerSubscription<?>[] listeners = key == null ? null : index.getValue().get(key);
        if (listeners != null) {
          if (found == null) {
            found = new HashSet<>();
          }
          found.addAll(List.of(listeners));
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
    byEquality.values().forEach(byValue -> byValue.values().forEach(l -> all.addAll(List.of(l))));
    all.sort(BY_SEQUENCE);
    all.forEach(action);
  }
}
