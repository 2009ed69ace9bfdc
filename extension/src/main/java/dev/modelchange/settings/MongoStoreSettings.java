package dev.modelchange.settings;

import java.util.Objects;

/**
 * What the MongoDB resume-token store needs of the configuration, and nothing more.
 *
 * @param database where the positions are kept: {@code modelchange.mongodb.database}, else the URI's database;
 *     null when neither names one
 * @param collection {@code modelchange.resume-token.collection}
 */
public record MongoStoreSettings(String database, String collection) {
  public MongoStoreSettings {
    Objects.requireNonNull(collection, "collection");
  }
}
