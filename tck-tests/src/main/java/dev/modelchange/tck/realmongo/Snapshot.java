package dev.modelchange.tck.realmongo;

import dev.modelchange.CollectionName;

/**
 * A model with documents of several megabytes: collection {@code snapshots}, created by the test with
 * {@code changeStreamPreAndPostImages: {enabled: true}}.
 */
@CollectionName("snapshots")
public class Snapshot {
  private String id;
  private String payload;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getPayload() {
    return payload;
  }

  public void setPayload(String payload) {
    this.payload = payload;
  }
}
