package dev.modelchange.health;

import static dev.modelchange.logging.Messages.coded;

import dev.modelchange.StreamState;
import dev.modelchange.logging.MessageCode;
import dev.modelchange.settings.ConfigKeys;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * The messages of the health package, one method per message and code (150-159): why a check is DOWN (the text
 * of a stream's {@code problem} in the check's data) and the registration lines of the log.
 */
final class HealthMessages {
  private static final Logger LOG = System.getLogger("dev.modelchange.health");

  private HealthMessages() {}

  @MessageCode(150)
  static String retryingTooLong(String stream, Duration retrying, Duration grace, String lastError) {
    return coded(150, "The change stream " + stream + " has been retrying for " + StreamHealth.words(retrying)
        + ", longer than " + ConfigKeys.HEALTH_RETRYING_GRACE + " (" + StreamHealth.words(grace) + "); last error: "
        + lastError + ". Check that MongoDB (and the resume-token store) can be reached from this instance; the "
        + "stream resumes from its last position once it can.");
  }

  @MessageCode(151)
  static String failed(String stream, String lastError) {
    return coded(151, "The change stream " + stream + " has failed and does not retry: " + lastError + ". Its "
        + "ERROR in the log says why; fix the cause and restart the application.");
  }

  @MessageCode(152)
  static String notOpen(String stream, StreamState state, Instant since) {
    return coded(152, "The change stream " + stream + " is not open: " + state + " since " + since + ".");
  }

  @MessageCode(153)
  static String workerDied(String stream, StreamState state) {
    return coded(153, "The worker thread of the change stream " + stream + " has ended while the stream was "
        + state + ": it delivers no more changes. Restart the application, and report the ModelChange ERROR that "
        + "the log has about this stream.");
  }

  @MessageCode(154)
  static String stuck(String stream, Duration delivering, Duration stuckAfter) {
    return coded(154, "The change stream " + stream + " has been delivering one event for "
        + StreamHealth.words(delivering) + ", longer than " + ConfigKeys.HEALTH_STUCK_AFTER + " ("
        + StreamHealth.words(stuckAfter) + "): a receiver blocks, or asynchronous deliveries do not end and the "
        + "stream waits for room (" + ConfigKeys.ASYNC_MAX_IN_FLIGHT + "). A thread dump shows the receiver on "
        + "the stream's thread, modelchange-<database>.<collection>.");
  }

  @MessageCode(155)
  static String positionNotFixed(String stream, StreamState state) {
    return coded(155, "The change stream " + stream + " has not fixed its start position yet (" + state + "): "
        + "MongoDB or the resume-token store cannot be reached yet.");
  }

  @MessageCode(156)
  static String notStarted() {
    return coded(156, "ModelChange has not started yet: the application is starting.");
  }

  @MessageCode(157)
  static String disabled() {
    return coded(157, ConfigKeys.HEALTH_ENABLED + "=false: this check reports UP without looking at the streams.");
  }

  /** DEBUG: the API is there, the checks are registered. */
  @MessageCode(158)
  static void registered(String extension) {
    LOG.log(Level.DEBUG, () -> coded(158, "MicroProfile Health is on the class path: the " + extension
        + " registers ModelChange's readiness, liveness and startup checks (" + ConfigKeys.HEALTH_ENABLED
        + " switches them at run time)."));
  }

  /** DEBUG: no API, no checks. */
  @MessageCode(159)
  static void absent(String extension) {
    LOG.log(Level.DEBUG, () -> coded(159, "MicroProfile Health is not on the class path: the " + extension
        + " registers no health checks. Add a MicroProfile Health implementation to get them."));
  }
}
