package dev.modelchange.sample;

import dev.modelchange.CollectionName;
import java.time.Instant;
import java.util.Objects;
import org.bson.BsonType;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonRepresentation;

/**
 * A book of a user's library, in the collection {@code books} (which is also what the naming convention gives;
 * {@link CollectionName} just says it). A POJO: the MongoDB driver decodes it, Jackson writes it as JSON.
 */
@CollectionName(Book.COLLECTION)
public class Book {
  /** The collection of books. */
  public static final String COLLECTION = "books";

  @BsonId
  @BsonRepresentation(BsonType.OBJECT_ID)
  private String id;
  private String title;
  private String author;
  private String userId;
  private boolean published;
  private Instant updatedAt;

  public Book() {}

  public Book(String title, String author, String userId, boolean published) {
    this.title = title;
    this.author = author;
    this.userId = userId;
    this.published = published;
  }

  /** The {@code _id}, an ObjectId written as hex. */
  public String getId() {
    return id;
  }

  public void setId(String id) {
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

  /** The user whose library holds the book. */
  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public boolean isPublished() {
    return published;
  }

  public void setPublished(boolean published) {
    this.published = published;
  }

  /**
   * When this application last wrote the book (null if something else wrote it): the live page shows the time from
   * this write to the change on the screen.
   */
  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Book && Objects.equals(id, ((Book) o).id) && Objects.equals(title, ((Book) o).title)
        && Objects.equals(author, ((Book) o).author) && Objects.equals(userId, ((Book) o).userId)
        && published == ((Book) o).published && Objects.equals(updatedAt, ((Book) o).updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, title, author, userId, published, updatedAt);
  }

  @Override
  public String toString() {
    return "Book{id=" + id + ", title=" + title + ", author=" + author + ", userId=" + userId
        + ", published=" + published + ", updatedAt=" + updatedAt + "}";
  }
}
