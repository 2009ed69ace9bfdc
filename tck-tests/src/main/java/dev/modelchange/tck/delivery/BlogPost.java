package dev.modelchange.tck.delivery;

import dev.modelchange.CollectionName;

/** A model whose collection is named by {@link CollectionName} instead of the convention. */
@CollectionName("posts")
public class BlogPost {
  private String title;

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }
}
