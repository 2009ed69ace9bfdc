package dev.modelchange.tck.matching;

/** A model with fields to filter on: collection {@code articles}. */
public class Article {
  private String title;
  private boolean published;
  private int views;

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

  public int getViews() {
    return views;
  }

  public void setViews(int views) {
    this.views = views;
  }
}
