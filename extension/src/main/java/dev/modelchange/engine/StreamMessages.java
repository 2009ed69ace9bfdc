package dev.modelchange.engine;

import static dev.modelchange.logging.Messages.coded;

import dev.modelchange.logging.MessageCode;
import dev.modelchange.settings.ConfigKeys;
import dev.modelchange.spi.StreamKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.bson.BsonDocument;

/**
 * The engine's messages about one stream: its delivery, checkpoints, failures, gaps and leases; one method per
 * code (see {@code docs/messages.md}). The engine's start-up and listener messages are in {@link EngineMessages}.
 * DEBUG texts are built only when DEBUG is on. Events are named by namespace, document key and resume token,
 * never by their content.
 */
final class StreamMessages {
  private static final Logger LOG = System.getLogger("dev.modelchange.engine");

  private StreamMessages() {}

  @MessageCode(80)
  static void fencedOut(StreamKey key, Object lease) {
    LOG.log(Level.WARNING, coded(80, "The position of " + key + " was not stored: this instance no longer holds "
        + "its lease (" + lease + "), and the instance that does stores it. Check that the instances' clocks agree "
        + "and that none was paused longer than " + ConfigKeys.LEASE_DURATION + "."));
  }

  @MessageCode(81)
  static void leaseTaken(Object shape, Object lease) {
    LOG.log(Level.INFO, coded(81, "This instance holds the lease of " + shape + " (" + lease + ") and runs its "
        + "ONE_INSTANCE stream from the last stored position"));
  }

  @MessageCode(143)
  static void leaseTakenBack(Object shape, Object lease) {
    LOG.log(Level.INFO, coded(143, "This instance took back the lease of " + shape + " (" + lease + ") in the same "
        + "epoch: nobody held it meanwhile, so its ONE_INSTANCE stream goes on from where it was, without "
        + "delivering again what it delivered since its last stored position"));
  }

  @MessageCode(82)
  static void standingBy(Object shape, String holder) {
    LOG.log(Level.INFO, coded(82, "The ONE_INSTANCE stream of " + shape + " stands by: " + holder + " holds its "
        + "lease; this instance takes over when it lapses or is released"));
  }

  @MessageCode(83)
  static void leaseLost(Object shape, String name) {
    LOG.log(Level.WARNING, coded(83, "This instance lost the lease " + name + " of " + shape + " (not renewed in "
        + "time: a pause, or the store was unreachable); it stops delivering and stands by. Changes since its last "
        + "stored position are delivered again by the new holder."));
  }

  @MessageCode(84)
  static void duplicateInstance(String instanceId, String group, String us, String them) {
    LOG.log(Level.ERROR, coded(84, "Another live engine claims instance id \"" + instanceId + "\" of group "
        + group + ": " + them + "; this one is " + us + ". This engine runs without storing positions, so that it "
        + "never overwrites the other's. Give each instance its own " + ConfigKeys.INSTANCE_ID + "."));
  }

  @MessageCode(85)
  static void instanceClaimLost(String instanceId, String them) {
    LOG.log(Level.ERROR, coded(85, "The claim on instance id \"" + instanceId + "\" was taken by " + them + " (this "
        + "engine did not renew it in time); it stops storing positions. Give each instance its own "
        + ConfigKeys.INSTANCE_ID + ", and restart this one."));
  }

  @MessageCode(86)
  static IllegalStateException oneInstanceNeedsLeases(String receivers, Object store) {
    return new IllegalStateException(coded(86, receivers + " asks for Delivery.ONE_INSTANCE, which needs a "
        + "resume-token store that can hold a lease; " + (store == null ? "no store is configured"
            : store + " cannot") + ". Set " + ConfigKeys.RESUME_TOKEN_STORE + "=mongodb or jdbc, or give the "
        + "ResumeTokenStore bean a leases() of its own."));
  }

  @MessageCode(50)
  static void checkpointFailed(StreamKey key, RuntimeException e) {
    LOG.log(Level.ERROR, coded(50, "Could not store the position of " + key + "; delivery goes on and the "
        + "checkpoint is retried. Until it succeeds, a restart redelivers changes since the last stored position. "
        + "Check the resume-token store."), e);
  }

  @MessageCode(51)
  static RuntimeException storeUnreadable(RuntimeException cause) {
    return new EngineMessages.StoreUnavailableException(coded(51, "The resume-token store could not be read: "
        + cause.getMessage()), cause);
  }

  @MessageCode(52)
  static void asyncUnfinishedAtShutdown(StreamKey key) {
    LOG.log(Level.WARNING, coded(52, "Asynchronous observers of " + key + " did not finish at shutdown; their "
        + "events will be delivered again after the restart"));
  }

  @MessageCode(142)
  static void asyncFailedAtShutdown(StreamKey key) {
    LOG.log(Level.DEBUG, () -> coded(142, "An asynchronous receiver of " + key + " did not complete normally by "
        + "shutdown; the checkpoint stays before its event, which comes again after the restart"));
  }

  @MessageCode(53)
  static void checkpointsStoredAgain(StreamKey key) {
    LOG.log(Level.INFO, coded(53, "Checkpoints of " + key + " are stored again"));
  }

  @MessageCode(54)
  static void storeStaysDown(StreamKey key, Duration timeout, String origin, RuntimeException e) {
    LOG.log(Level.ERROR, coded(54, "The stored position of " + key + " could not be read for " + timeout + " ("
        + ConfigKeys.STARTUP_TIMEOUT + "); the stream starts from " + origin + ", and changes between the last "
        + "stored position (if any) and then may be missed. Check the resume-token store."), e);
  }

  @MessageCode(60)
  static void receiverFailed(String receiver, ReceivedChange change, Throwable cause) {
    LOG.log(Level.ERROR, coded(60, receiver + " failed on " + change.describe() + "; the stream goes on. Fix it, "
        + "or observe ChangeStreamFailure to compensate. Repeats are summarised once a minute."), cause);
  }

  @MessageCode(61)
  static void failureObserverFailed(Throwable e) {
    LOG.log(Level.ERROR, coded(61, "An observer of ChangeStreamFailure failed"), e);
  }

  @MessageCode(62)
  static void gapObserverFailed(Throwable e) {
    LOG.log(Level.ERROR, coded(62, "An observer of ChangeStreamGap failed"), e);
  }

  @MessageCode(63)
  static void listenerFailedWithoutOnError(String model, Throwable failure) {
    LOG.log(Level.ERROR, coded(63, "A listener of " + model + " failed or its stream did; it stays subscribed. "
        + "Give ListenOptions.onError to handle this yourself. Repeats are summarised once a minute."), failure);
  }

  @MessageCode(64)
  static void onErrorFailed(String model, Throwable e) {
    LOG.log(Level.ERROR, coded(64, "The onError of a listener of " + model + " failed"), e);
  }

  @MessageCode(65)
  static void eventFailed(Object shape, String event, Throwable cause) {
    LOG.log(Level.ERROR, coded(65, "The change stream of " + shape + " could not deliver " + event + "; it is "
        + "skipped and the stream goes on. Repeats are summarised once a minute."), cause);
  }

  @MessageCode(66)
  static void failuresRepeated(String who, long count) {
    LOG.log(Level.ERROR, coded(66, who + " failed " + count + " more times in the last minute (stack traces "
        + "omitted; the first was logged)"));
  }

  @MessageCode(67)
  static void receiverRecovered(String who, long failures) {
    LOG.log(Level.INFO, coded(67, who + " succeeded again after " + failures + " failures in a row"));
  }

  @MessageCode(68)
  static void workerCrashed(Object shape, Throwable e) {
    LOG.log(Level.ERROR, coded(68, "The worker of " + shape + " failed with an error; it restarts with backoff "
        + "from its last delivered position, and the change in hand comes again"), e);
  }

  @MessageCode(70)
  static void historyLost(Object shape, Object reason, boolean fail, Object gap, Throwable cause) {
    LOG.log(Level.ERROR, coded(70, "The change stream of " + shape + " cannot continue from its position ("
        + reason + "): changes may have been missed. "
        + (fail ? "It is stopped (" + ConfigKeys.ON_HISTORY_LOST + "=fail); restart after resynchronising."
            : "It restarts from now (" + ConfigKeys.ON_HISTORY_LOST + "=restart-from-now); resynchronise on the "
                + "ChangeStreamGap event.") + " " + gap), cause);
  }

  @MessageCode(71)
  static void streamFailed(Object shape, Throwable e) {
    LOG.log(Level.WARNING, coded(71, "The change stream of " + shape + " failed; retrying with backoff from its "
        + "last position (further attempts are logged at DEBUG, the recovery at INFO)"), e);
  }

  @MessageCode(69)
  static void streamFailedAgain(Object shape, Throwable e) {
    LOG.log(Level.DEBUG, () -> coded(69, "The change stream of " + shape + " failed again: " + e));
  }

  @MessageCode(72)
  static void malformedPipeline(Object shape, Throwable e) {
    LOG.log(Level.ERROR, coded(72, "The server rejected the change stream of " + shape + " as malformed; it is "
        + "stopped. Fix its pipeline."), e);
  }

  @MessageCode(73)
  static void openAgain(Object shape, long attempts) {
    LOG.log(Level.INFO, coded(73, "The change stream of " + shape + " is open again after " + attempts
        + " failed attempts in all"));
  }

  @MessageCode(74)
  static void invalidated(Object shape, Object gap) {
    LOG.log(Level.ERROR, coded(74, "The change stream of " + shape + " was invalidated (the collection or "
        + "database was dropped or renamed); it continues after the invalidation. " + gap));
  }

  @MessageCode(75)
  static void threadDidNotStop(Object shape) {
    LOG.log(Level.WARNING, coded(75, "The thread of " + shape + " did not stop; an observer may be stuck"));
  }

  @MessageCode(76)
  static void eventTooLargeSkipped(Object shape, BsonDocument documentKey, String why, Object gap) {
    LOG.log(Level.ERROR, coded(76, "The change stream of " + shape + " met an event over 16 MB (document key "
        + (documentKey == null ? "unknown" : documentKey.toJson()) + ") that it cannot read whole: " + why
        + ". It is skipped. Resynchronise that document on the ChangeStreamGap event. " + gap));
  }

  @MessageCode(89)
  static void splitStageRefused(Object shape, Throwable e) {
    LOG.log(Level.WARNING, coded(89, "The server refused $changeStreamSplitLargeEvent, which ModelChange adds to "
        + "the change stream of " + shape + " on MongoDB 7.0+; the stream reopens without it, and events over "
        + "16 MB are skipped with a gap (MODELCHANGE-076). Check the server's featureCompatibilityVersion."), e);
  }

  @MessageCode(77)
  static void positionNotReadAhead(Object shape, Throwable e) {
    LOG.log(Level.DEBUG, () -> coded(77, "The start position of " + shape + " was not read before its thread "
        + "started; the thread reads it when it connects: " + e));
  }

  @MessageCode(78)
  static void starts(Object shape, String origin, Object store) {
    LOG.log(Level.INFO, coded(78, "The change stream of " + shape + " starts from " + origin + "; its position is "
        + "kept by " + (store == null ? "no store (it starts from now each time)" : store)));
  }

  @MessageCode(79)
  static void backPressure(Object shape, int inFlight) {
    LOG.log(Level.DEBUG, () -> coded(79, "The change stream of " + shape + " waits: " + inFlight
        + " asynchronous deliveries are in flight (" + ConfigKeys.ASYNC_MAX_IN_FLIGHT + ")"));
  }

  @MessageCode(87)
  static void housekeepingFailed(RuntimeException e) {
    LOG.log(Level.WARNING, coded(87, "Removing the positions of instances not seen for "
        + ConfigKeys.INSTANCE_EXPIRE_AFTER + " failed; it is tried again later. Check the resume-token store."), e);
  }

  @MessageCode(88)
  static void claimNotChecked(String instanceId, RuntimeException e) {
    LOG.log(Level.WARNING, coded(88, "The claim on instance id \"" + instanceId + "\" could not be checked: the "
        + "resume-token store did not answer (" + e + "). Positions are stored meanwhile; the claim is made when "
        + "the store answers."));
  }

  @MessageCode(144)
  static void claimNotReleased(String instanceId, Duration waited, Duration leaseDuration) {
    LOG.log(Level.INFO, coded(144, "The claim on instance id \"" + instanceId + "\" was not released at shutdown: "
        + "the resume-token store did not answer within " + waited + ". It lapses by itself within "
        + "modelchange.lease.duration (" + leaseDuration + "); an instance restarted with this id meanwhile "
        + "delivers at once and stores its positions once it lapses."));
  }
}
