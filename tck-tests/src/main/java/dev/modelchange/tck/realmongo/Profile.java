package dev.modelchange.tck.realmongo;

import dev.modelchange.CollectionName;

/**
 * A model whose collection keeps pre- and post-images: collection {@code profiles}, created by the test with
 * {@code changeStreamPreAndPostImages: {enabled: true}}.
 */
@CollectionName("profiles")
public class Profile {
  private String id;
  private String name;
  private String email;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
