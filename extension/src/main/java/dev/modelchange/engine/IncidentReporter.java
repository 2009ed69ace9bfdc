package dev.modelchange.engine;

import dev.modelchange.ChangeStreamFailure;
import dev.modelchange.ChangeStreamGap;

/** Where the engine reports failures and gaps, besides its log: the CDI layer fires them as events. */
public interface IncidentReporter {
  /** An observer, a listener or the stream failed; the stream goes on. */
  void failure(ChangeStreamFailure failure);

  /** A stream could not continue from where it was. */
  void gap(ChangeStreamGap gap);

  /** Reports nothing beyond the log. */
  IncidentReporter NONE = new IncidentReporter() {
    @Override
    public void failure(ChangeStreamFailure failure) {}

    @Override
    public void gap(ChangeStreamGap gap) {}
  };
}
