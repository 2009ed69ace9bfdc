package dev.modelchange.sample;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sample's collections, through Quarkus' {@link MongoClient}: the same client (and database) that ModelChange
 * watches, since ModelChange reuses the application's client.
 */
@ApplicationScoped
public class LibraryDatabase {
  @Inject
  MongoClient client;
  @ConfigProperty(name = "modelchange.mongodb.database")
  String database;

  public MongoCollection<Book> books() {
    return client.getDatabase(database).getCollection(Book.COLLECTION, Book.class);
  }

  public MongoCollection<ExternalResource> resources() {
    return client.getDatabase(database).getCollection(ExternalResource.COLLECTION, ExternalResource.class);
  }

  /** The notices of books added ({@link NewBookNotices}), one per book, as documents. */
  public MongoCollection<Document> notices() {
    return client.getDatabase(database).getCollection(NewBookNotices.COLLECTION);
  }

  /**
   * The {@code _id} of a book or resource from its hex form.
   *
   * @param kind what the id names, for the message ({@code book}, {@code resource})
   * @throws DocumentNotFoundException when the id is not an ObjectId's hex form: it names nothing (404)
   */
  static ObjectId objectId(String kind, String id) {
    if (id == null || !ObjectId.isValid(id)) {
      throw new DocumentNotFoundException(kind, id);
    }
    return new ObjectId(id);
  }
}
