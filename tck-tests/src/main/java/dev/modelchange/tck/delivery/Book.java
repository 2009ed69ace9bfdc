package dev.modelchange.tck.delivery;

import java.util.Objects;
import org.bson.types.ObjectId;

/** A POJO model: collection {@code books} by the naming convention. */
public class Book {
  private ObjectId id;
  private String title;
  private String author;

  public Book() {}

  public Book(String title, String author) {
    this.title = title;
    this.author = author;
  }

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

  public String getAuthor() {
    return author;
  }

  public void setAuthor(String author) {
    this.author = author;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Book && Objects.equals(((Book) o).id, id) && Objects.equals(((Book) o).title, title)
        && Objects.equals(((Book) o).author, author);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, title, author);
  }

  @Override
  public String toString() {
    return "Book{" + id + ", " + title + ", " + author + "}";
  }
}
