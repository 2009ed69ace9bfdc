package dev.modelchange.it.openliberty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Writes books with the application's own MongoClient. The client is deliberately not a CDI bean of type
 * {@code MongoClient}: ModelChange then makes its own from {@code modelchange.mongodb.uri}, so this test covers
 * the library's configuration path on Liberty (reuse of a {@code MongoClient} bean is covered by the TCK).
 */
@ApplicationScoped
public class BookStore {
  private MongoClient client;
  private MongoCollection<Document> books;

  @PostConstruct
  void open() {
    Config config = ConfigProvider.getConfig();
    client = MongoClients.create(config.getValue("modelchange.mongodb.uri", String.class));
    books = client.getDatabase(config.getValue("modelchange.mongodb.database", String.class)).getCollection("books");
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /** Inserts a book; returns its new id as hex. */
  public String insert(String title, String author) {
    ObjectId id = new ObjectId();
    books.insertOne(new Document("_id", id).append("title", title).append("author", author));
    return id.toHexString();
  }

  /** Sets a book's title; false when there is no such book. */
  public boolean updateTitle(String id, String title) {
    return books.updateOne(Filters.eq("_id", new ObjectId(id)), Updates.set("title", title)).getMatchedCount() == 1;
  }

  /** Deletes a book; false when there is no such book. */
  public boolean delete(String id) {
    return books.deleteOne(Filters.eq("_id", new ObjectId(id))).getDeletedCount() == 1;
  }
}
