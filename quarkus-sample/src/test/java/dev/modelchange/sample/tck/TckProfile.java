package dev.modelchange.sample.tck;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * How the TCK runs on Quarkus: the configuration the TCK asks of a runner (tck-tests' README and its Weld runner's
 * microprofile-config.properties), in a test profile of its own, so that the sample's tests keep the sample's
 * configuration. The sample's beans stay in the application; they watch the TCK database too, which changes
 * nothing for the TCK's observers.
 *
 * <p>Beans: the TCK jar has a Jandex index, so Quarkus sees its beans; the sample's tests exclude them
 * (application.properties) and this profile brings them back, except:
 * <ul>
 *   <li>{@code dev.modelchange.tck.broken.**}: each broken observer must fail deployment on its own; all of them
 *       would fail every TCK application. {@code deployment.BrokenObserversTest} deploys those the build
 *       reports, {@code deployment.StartupBrokenObserversTest} checks those the start reports.</li>
 *   <li>{@code dev.modelchange.tck.realmongo.**}: the contract of real MongoDB only (replica set, pre-images,
 *       history loss...), which this runner does not run: the in-JVM server lacks those capabilities.</li>
 * </ul>
 * MongoDB: {@link TckBackendResource} starts the TCK's backend for each test class and gives its connection string
 * to Quarkus' MongoDB client, which ModelChange reuses.
 */
public class TckProfile implements QuarkusTestProfile {
  private static final String EXCLUDED = "dev.modelchange.tck.broken.**,dev.modelchange.tck.realmongo.**";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "modelchange.mongodb.database", "modelchange_tck",
        "modelchange.model.\"dev.modelchange.tck.delivery.Ledger\".database", "modelchange_tck_other",
        "modelchange.model.\"dev.modelchange.tck.delivery.Ledger\".collection", "ledger_entries",
        "modelchange.startup-timeout", "5s",
        "quarkus.arc.exclude-types", EXCLUDED,
        "%test.quarkus.arc.exclude-types", EXCLUDED);
  }
}
