package dev.modelchange.engine;

import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;
import java.util.List;
import java.util.function.Supplier;
import org.bson.BsonDocument;

/**
 * Tells the application about a stream's failures and gaps, besides the log: the reporter (CDI events) and every
 * sink (listeners' {@code onError}). A failing observer of these events is logged and never stops the stream.
 */
final class StreamIncidents {
  private final StreamSource source;
  private final IncidentReporter reporter;
  private final Supplier<List<ChangeSink>> sinks;

  StreamIncidents(StreamSource source, IncidentReporter reporter, Supplier<List<ChangeSink>> sinks) {
    this.source = source;
    this.reporter = reporter;
    this.sinks = sinks;
  }

  /** The stream failed (the first failure of a series). */
  void failed(Throwable e) {
    try {
      reporter.failure(new ChangeStreamFailure(source.modelType(), source.namespace(), null, null, e));
    } catch (RuntimeException re) {
      StreamMessages.failureObserverFailed(re);
    }
    for (ChangeSink sink : sinks.get()) {
      sink.streamFailed(e);
    }
  }

  /** The stream has a gap; returns it, for the log. */
  ChangeStreamGap gap(ChangeStreamGap.Reason reason, BsonDocument lastPosition, BsonDocument newPosition) {
    ChangeStreamGap gap = new ChangeStreamGap(source.modelType(), source.namespace(), reason, lastPosition,
        newPosition);
    try {
      reporter.gap(gap);
    } catch (RuntimeException re) {
      StreamMessages.gapObserverFailed(re);
    }
    for (ChangeSink sink : sinks.get()) {
      sink.gap(gap);
    }
    return gap;
  }
}
