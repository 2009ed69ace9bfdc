package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import dev.modelchange.Delivery;
import dev.modelchange.settings.EngineSettings;
import dev.modelchange.spi.Lease;
import dev.modelchange.spi.LeaseStore;
import dev.modelchange.spi.ResumeTokenStore;
import dev.modelchange.spi.StreamKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;

/**
 * This engine as one instance of its application's group: its instance id and the claim on it, the keys its
 * streams keep positions under, and the leases of its {@link Delivery#ONE_INSTANCE} streams. An
 * {@code EACH_INSTANCE} stream keeps its own position ({@code group@instance/...}); a {@code ONE_INSTANCE} stream
 * shares the group's, behind a lease. Two live engines claiming one instance id are told apart through the store:
 * the second stores no position, so it never overwrites the first's.
 */
final class GroupMembership implements AutoCloseable {
  private final EngineSettings settings;
  private final ResumeTokenStore store;
  private final LeaseRenewals renewals;
  /** How long the shutdown waits for the store to release the claim on the instance id. */
  static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

  /** Who this engine is, for leases and log lines: {@code pid@host/random}. */
  private final String engineId;
  private StreamLease claim;
  private boolean claimed;
  /**
   * The claim on this engine's instance id as another engine held it when this one first found it held: a live
   * engine renews it (its expiry moves on), a dead one (this instance before a crash) does not. Null until then.
   */
  private volatile Lease refusedBy;
  private volatile boolean duplicateReported;

  GroupMembership(EngineSettings settings, ResumeTokenStore store, ThreadFactory threads) {
    this.settings = settings;
    this.store = store;
    this.renewals = new LeaseRenewals(threads);
    this.engineId = ManagementFactory.getRuntimeMXBean().getName() + "/"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  private Optional<LeaseStore> leases() {
    return store == null ? Optional.empty() : store.leases();
  }

  /**
   * Claims this engine's instance id in the store, once; a live claim of another engine is a duplicate, logged
   * as an error naming both. Without a store that holds leases, there is nothing to claim with.
   */
  synchronized void claimInstanceId() {
    if (claimed) {
      return;
    }
    claimed = true;
    LeaseStore leases = leases().orElse(null);
    if (leases == null) {
      return;
    }
    claim = new StreamLease(leases, "instance/" + settings.group() + "@" + settings.instanceId(), engineId,
        settings.leaseDuration());
    try {
      if (!claim.acquire()) {
        // held by another: a live duplicate, or this instance's own claim from before a crash, which lapses by
        // itself (within the dead engine's lease duration); either way nothing is stored until this engine holds
        // the claim
        refusedBy = claimHolder();
        renewals.every(settings.leaseDuration().dividedBy(2), this::claimWhenFree);
      }
    } catch (RuntimeException e) {
      // the store cannot tell now (it is down): go on storing, and claim when it answers
      StreamMessages.claimNotChecked(settings.instanceId(), e);
      renewals.every(settings.leaseDuration(), this::claimWhenFree);
    }
    renewals.keep(claim, lost -> StreamMessages.instanceClaimLost(settings.instanceId(), lost.holderNow()));
    // positions of instances gone for good (pods of a Deployment) do not pile up; MongoDB's TTL index does the same
    Duration expireAfter = settings.instanceExpireAfter();
    Duration period = expireAfter.compareTo(Duration.ofHours(4)) > 0 ? Duration.ofHours(1) : expireAfter.dividedBy(4);
    renewals.every(period, () -> store.removeInstancesNotSeenSince(Instant.now().minus(expireAfter)));
  }

  /**
   * Claims the instance id once it is free (a crashed predecessor's claim lapses) or the store answers. A claim
   * that another engine renews (or takes anew) after this one found it held is a live duplicate, logged as an
   * error naming both; a claim that nobody renews is a dead engine's, however long it still runs (that engine may
   * have had a longer {@code lease.duration}), and is taken when it lapses.
   */
  private void claimWhenFree() {
    if (claim.isHeld() || duplicateReported) {
      return; // a live duplicate stays one, even after the other engine stops: it never takes over the id's rows
    }
    try {
      if (claim.acquire()) {
        return;
      }
      Lease now = claimHolder();
      Lease before = refusedBy;
      if (before == null) {
        refusedBy = now; // first seen held now (the store was down at first, or the claim lapsed in between)
      } else if (now != null && now.expiresAt().isAfter(before.expiresAt())) {
        duplicateReported = true;
        StreamMessages.duplicateInstance(settings.instanceId(), settings.group(), engineId, claim.holderNow());
      }
    } catch (RuntimeException e) {
      // still down: the next period tries again
    }
  }

  /** Who holds the claim on this engine's instance id now, unexpired; null if nobody, or if the store fails. */
  private Lease claimHolder() {
    try {
      return claim.leases().holder(claim.name()).orElse(null);
    } catch (RuntimeException e) {
      return null; // unknown: the next period looks again
    }
  }

  /** The key a stream of {@code shape} keeps its position under. */
  StreamKey keyOf(StreamShape shape) {
    MongoNamespace ns = shape.namespace();
    String instance = shape.delivery() == Delivery.EACH_INSTANCE ? settings.instanceId() : null;
    return new StreamKey(settings.group(), instance, ns.getDatabaseName(), ns.getCollectionName(), shape.key());
  }

  /** The store a stream keeps its position in (saves wait for the claim on the instance id: see guard). */
  ResumeTokenStore storeFor(StreamShape shape, ResumeTokenStore wanted) {
    return wanted;
  }

  /**
   * Puts a new watcher behind its lease (a {@code ONE_INSTANCE} stream) or the instance claim (an
   * {@code EACH_INSTANCE} one).
   *
   * @throws IllegalStateException (MODELCHANGE-086) for a {@code ONE_INSTANCE} stream without a store that holds
   *     leases
   */
  void guard(CollectionWatcher watcher, StreamKey key, String receivers) {
    if (watcher.shape().delivery() == Delivery.EACH_INSTANCE) {
      watcher.checkpointer().guardedBy(null, claim);
      // "seen" is "saved": a quiet stream saves its unchanged position now and then, so a live instance's rows
      // never expire
      watcher.checkpointer().refreshEvery(settings.instanceExpireAfter().dividedBy(4));
      return;
    }
    LeaseStore leases = leases().orElseThrow(() -> StreamMessages.oneInstanceNeedsLeases(receivers, store));
    StreamLease lease = new StreamLease(leases, "one-instance/" + key.value(), engineId, settings.leaseDuration());
    watcher.runBehind(lease);
    renewals.keep(lease, lost -> { }); // the watcher sees the loss itself, before its next read
  }

  /** Checks that a {@code ONE_INSTANCE} receiver can be served, before anything starts. */
  void checkCanServe(Delivery delivery, String receivers) {
    if (delivery == Delivery.ONE_INSTANCE && leases().isEmpty()) {
      throw StreamMessages.oneInstanceNeedsLeases(receivers, store);
    }
  }

  String engineId() {
    return engineId;
  }

  /**
   * After the watchers stopped (and released their leases): releases the claim, waiting for the store at most
   * {@link #RELEASE_WAIT} (an unreachable one would hold the shutdown for the driver's 30 s server selection; the
   * claim then lapses by itself within a lease duration), and stops renewing.
   */
  @Override
  public void close() {
    StreamLease c = claim;
    if (c != null && !renewals.runWithin(c::release, RELEASE_WAIT)) {
      StreamMessages.claimNotReleased(settings.instanceId(), RELEASE_WAIT, settings.leaseDuration());
    }
    renewals.close();
  }
}
