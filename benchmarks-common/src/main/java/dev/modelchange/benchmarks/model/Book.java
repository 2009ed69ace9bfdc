package dev.modelchange.benchmarks.model;

import org.bson.types.ObjectId;

/** The model of the benchmarks: collection {@code books}; {@code seq} numbers the inserts of a trial. */
public class Book {
  private ObjectId id;
  private int userId;
  private int seq;
  private String title;
  private String author;

  public Book() {}

  public Book(int userId, int seq, String title, String author) {
    this.userId = userId;
    this.seq = seq;
    this.title = title;
    this.author = author;
  }

  public ObjectId getId() {
    return id;
  }

  public void setId(ObjectId id) {
    this.id = id;
  }

  public int getUserId() {
    return userId;
  }

  public void setUserId(int userId) {
    this.userId = userId;
  }

  public int getSeq() {
    return seq;
  }

  public void setSeq(int seq) {
    this.seq = seq;
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
}
