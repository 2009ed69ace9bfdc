package dev.modelchange.tck.weld.instances;

import dev.modelchange.ModelChanges;
import dev.modelchange.StreamState;
import dev.modelchange.cdi.ModelChangeExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A small application on Weld SE, one instance of a group (issue 13): an {@code EACH_INSTANCE} observer of
 * {@link Job} ({@link EachInstanceObserver}) and a {@code ONE_INSTANCE} one ({@link OneInstanceObserver}), both
 * appending what they receive to the instance's {@link Receipts} file.
 *
 * <p>As a process ({@link #main}): configured by system properties ({@code -Dmodelchange.*} for ModelChange,
 * {@value #RECEIPTS} for the file, {@value #ONE_INSTANCE} to leave the {@code ONE_INSTANCE} observer out); writes {@code START} to its
 * file once every stream is open or standing by, and on {@code SIGTERM} closes the container (so the engine stores
 * its last checkpoint and releases its lease and its claim on the instance id) before it exits.
 *
 * <p>In a JVM with other containers ({@link #start(String, Map, Path, boolean)}): with a configuration of its own,
 * registered for a class loader of its own that is the thread's context class loader while the container boots
 * (ModelChange reads its configuration once, then).
 */
public final class InstanceApp implements AutoCloseable {
  /** The system property naming the receipts file. */
  public static final String RECEIPTS = "instances.receipts";
  /** The system property that, {@code false}, leaves the {@code ONE_INSTANCE} observer out. */
  public static final String ONE_INSTANCE = "instances.one-instance";

  private final WeldContainer container;
  private final Receipts receipts;
  private final ClassLoader configLoader;
  private final String instanceId;

  private InstanceApp(WeldContainer container, Receipts receipts, ClassLoader configLoader, String instanceId) {
    this.container = container;
    this.receipts = receipts;
    this.configLoader = configLoader;
    this.instanceId = instanceId;
  }

  public static void main(String[] args) {
    String instanceId = System.getProperty("modelchange.instance-id", "?");
    // the test that started us is gone (killed, say): go too, rather than run on as an orphan
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    InstanceApp app;
    try {
      app = boot(instanceId, Path.of(System.getProperty(RECEIPTS)),
          !"false".equals(System.getProperty(ONE_INSTANCE)), null);
    } catch (Throwable e) {
      System.err.println("INSTANCE " + instanceId + " could not start:");
      e.printStackTrace();
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "instance-shutdown"));
    System.out.println("INSTANCE " + instanceId + " running, pid " + ProcessHandle.current().pid());
    try {
      new CountDownLatch(1).await(); // ModelChange's threads are daemons: keep the JVM up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts an instance in this JVM beside others: {@code config} (the {@code modelchange.*} keys) is its own,
   * over the default sources.
   */
  public static InstanceApp start(String instanceId, Map<String, String> config, Path receiptsFile,
      boolean oneInstance) {
    return boot(instanceId, receiptsFile, oneInstance, config);
  }

  private static InstanceApp boot(String instanceId, Path receiptsFile, boolean oneInstance,
      Map<String, String> config) {
    Receipts receipts = new Receipts(receiptsFile);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader configLoader = null;
    if (config != null) {
      configLoader = new URLClassLoader("config-" + instanceId, new URL[0], previous);
      Map<String, String> own = new HashMap<>(config);
      own.put("modelchange.instance-id", instanceId);
      ConfigProviderResolver resolver = ConfigProviderResolver.instance();
      Config c = resolver.getBuilder().forClassLoader(configLoader).addDefaultSources()
          .withSources(new MapSource(own)).build();
      resolver.registerConfig(c, configLoader);
      thread.setContextClassLoader(configLoader);
    }
    try {
      WeldContainer container = new Weld("instance-" + instanceId + "-" + System.nanoTime())
          .disableDiscovery()
          .property("org.jboss.weld.se.shutdownHook", false) // ours closes it, then says so
          .addExtension(new ModelChangeExtension())
          .addExtension(new ReceiptsExtension(receipts))
          .addBeanClasses(oneInstance ? new Class<?>[] {EachInstanceObserver.class, OneInstanceObserver.class}
              : new Class<?>[] {EachInstanceObserver.class})
          .initialize();
      awaitStreamsReady(container.select(ModelChanges.class).get(), instanceId);
      receipts.record("START", instanceId + " " + ProcessHandle.current().pid());
      return new InstanceApp(container, receipts, configLoader, instanceId);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * Waits until every stream has fixed its position: open, or standing by behind another instance's lease. Boot
   * returns after {@code modelchange.startup-timeout} even when a stream has not opened yet (a loaded machine),
   * and jobs the test writes before a new stream's start position is fixed would not be this instance's to get.
   */
  private static void awaitStreamsReady(ModelChanges modelChanges, String instanceId) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!modelChanges.streams().stream()
        .allMatch(s -> s.state() == StreamState.OPEN || s.state() == StreamState.STANDBY)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("instance " + instanceId + ": streams not open after 3 minutes: "
            + modelChanges.streams());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The container's programmatic API (for {@code streams()}). */
  public ModelChanges modelChanges() {
    return container.select(ModelChanges.class).get();
  }

  /** Closes the container: the engine stores its last checkpoints and releases its lease and claim. */
  @Override
  public synchronized void close() {
    if (!container.isRunning()) {
      return;
    }
    receipts.record("STOPPING", instanceId);
    container.close();
    receipts.record("STOPPED", instanceId);
    receipts.close();
    if (configLoader != null) {
      ConfigProviderResolver resolver = ConfigProviderResolver.instance();
      resolver.releaseConfig(resolver.getConfig(configLoader));
    }
  }

  /** An instance's own keys, above the default sources. */
  private static final class MapSource implements ConfigSource {
    private final Map<String, String> values;

    MapSource(Map<String, String> values) {
      this.values = Map.copyOf(values);
    }

    @Override
    public Set<String> getPropertyNames() {
      return values.keySet();
    }

    @Override
    public String getValue(String name) {
      return values.get(name);
    }

    @Override
    public String getName() {
      return "instance";
    }

    @Override
    public int getOrdinal() {
      return 500;
    }
  }
}
