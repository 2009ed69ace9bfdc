package dev.modelchange.engine;

import static dev.modelchange.logging.Messages.coded;

import dev.modelchange.logging.MessageCode;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.spi.StreamKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import org.bson.BsonDocument;

/**
 * Every message of the engine, one method per code (see {@code docs/messages.md} for each code's meaning and fix).
 * DEBUG texts are built only when DEBUG is on. Events are named by namespace, document key and resume token,
 * never by their content.
 */
final class EngineMessages {
  private static final Logger LOG = System.getLogger("dev.modelchange.engine");

  private EngineMessages() {}

  @MessageCode(1)
  static void disabled(int observers) {
    LOG.log(Level.INFO, coded(1, "ModelChange is disabled (" + ConfigKeys.ENABLED + "=false): no stream is opened "
        + "and " + observers + " observers receive nothing"));
  }

  @MessageCode(2)
  static void watching(int streams, int observers, Collection<?> shapes) {
    LOG.log(Level.INFO, coded(2, "Watching " + streams + " change streams for " + observers + " observers: "
        + shapes));
  }

  @MessageCode(3)
  static void notOpenInTime(Duration timeout, Collection<String> late) {
    LOG.log(Level.WARNING, coded(3, "These change streams did not open within " + timeout + " ("
        + ConfigKeys.STARTUP_TIMEOUT + "); they keep retrying in the background: " + late));
  }

  @MessageCode(4)
  static void writerDidNotStop() {
    LOG.log(Level.WARNING, coded(4, "The checkpoint writer did not stop; the resume-token store may hang"));
  }

  @MessageCode(6)
  static void threadsHeldBack() {
    LOG.log(Level.INFO, coded(6, "The container runs ModelChange's threads only once the application has "
        + "started; the change streams open then, not before start-up completes"));
  }

  @MessageCode(7)
  static void mongodbUnreachable(String servers, String why) {
    LOG.log(Level.WARNING, coded(7, "MongoDB at " + servers + " cannot be reached: " + why + ". Check "
        + ConfigKeys.MONGODB_URI + " (or the application's MongoClient) and that MongoDB runs; the streams keep "
        + "retrying. Set " + ConfigKeys.FAIL_ON_START + "=true to fail start-up instead."));
  }

  @MessageCode(8)
  static IllegalStateException failOnStart(String servers, String why) {
    return new IllegalStateException(coded(8, "MongoDB at " + servers + " could not be reached within "
        + ConfigKeys.STARTUP_TIMEOUT + " and " + ConfigKeys.FAIL_ON_START + "=true: " + why));
  }

  @MessageCode(9)
  static IllegalStateException storeMisconfigured(Object store, StreamKey key, Throwable cause) {
    return new IllegalStateException(coded(9, "The resume-token store " + store + " refused to read the "
        + "position of " + key + ": " + cause + ". Waiting cannot fix this: check its user, password, database "
        + "and permissions (" + ConfigKeys.RESUME_TOKEN_STORE + " and the keys under modelchange.resume-token.)."),
        cause);
  }

  @MessageCode(141)
  static void couldNotClose(Object resource, Exception e) {
    LOG.log(Level.WARNING, coded(141, "Could not close " + resource.getClass().getName()), e);
  }

  @MessageCode(44)
  static IllegalStateException disabledNoListener() {
    return new IllegalStateException(coded(44, "ModelChange is disabled (" + ConfigKeys.ENABLED + "=false): no "
        + "listener can be registered"));
  }

  @MessageCode(45)
  static IllegalArgumentException cannotListen(String why) {
    return new IllegalArgumentException(coded(45, "Cannot listen for changes of " + why));
  }

  @MessageCode(46)
  static IllegalArgumentException badListenerFilter(IllegalArgumentException e) {
    return new IllegalArgumentException(coded(46, "ListenOptions.filter cannot be evaluated: " + e.getMessage()),
        e);
  }

  @MessageCode(47)
  static IllegalStateException closed() {
    return new IllegalStateException(coded(47, "ModelChanges is closed"));
  }

  /** The token store could not be read; retried with backoff until the start-up timeout. */
  static final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreUnavailableException(String message, RuntimeException cause) {
      super(message, cause);
    }
  }
}
