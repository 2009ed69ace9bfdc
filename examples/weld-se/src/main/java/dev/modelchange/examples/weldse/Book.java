package dev.modelchange.examples.weldse;

import org.bson.types.ObjectId;

/** A book, in the collection {@code books}: the plural of the kebab-cased class name. */
public class Book {
  private ObjectId id;
  private String title;
  private boolean published;

  public ObjectId getId() {
    return id;
  }

  public void setId(ObjectId id) {
    this.id = id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public boolean isPublished() {
    return published;
  }

  public void setPublished(boolean published) {
    this.published = published;
  }
}
