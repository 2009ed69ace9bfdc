package dev.modelchange.sample.operate;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Short delays for the outage test: readiness goes DOWN after one second of retrying, and the streams try again
 * at least every half second, so that they are back soon after MongoDB is.
 */
public class OutageProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("modelchange.health.retrying-grace", "1s", "modelchange.retry.max-delay", "500ms",
        "modelchange.instance-id", "outage"); // a fixed id, so that the test can name the stream's key
  }
}
