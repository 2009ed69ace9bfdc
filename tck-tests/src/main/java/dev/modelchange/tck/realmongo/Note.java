package dev.modelchange.tck.realmongo;

import dev.modelchange.CollectionName;
import java.util.List;

/** A model whose documents are updated and replaced: collection {@code notes}. */
@CollectionName("notes")
public class Note {
  private String id;
  private String text;
  private String author;
  private List<String> tags;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getAuthor() {
    return author;
  }

  public void setAuthor(String author) {
    this.author = author;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }
}
