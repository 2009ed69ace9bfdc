package dev.modelchange.tck.listeners;

/** A model for programmatic listeners: collection {@code messages}. */
public class Message {
  private String userId;
  private String text;
  private boolean published;

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public boolean isPublished() {
    return published;
  }

  public void setPublished(boolean published) {
    this.published = published;
  }
}
