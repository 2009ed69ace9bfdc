package dev.modelchange.sample;

import java.util.Objects;
import org.bson.BsonType;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonRepresentation;

/**
 * Something a background job synchronises from another system; the job sets {@code syncStatus} to
 * {@code completed} when it is done. Its collection is {@code external-resources}, by ModelChange's naming
 * convention (the plural of the kebab-cased class name).
 */
public class ExternalResource {
  /** The collection, as the naming convention derives it from the class name. */
  public static final String COLLECTION = "external-resources";
  /** The status a finished synchronisation sets. */
  public static final String COMPLETED = "completed";

  @BsonId
  @BsonRepresentation(BsonType.OBJECT_ID)
  private String id;
  private String name;
  private String syncStatus;

  public ExternalResource() {}

  public ExternalResource(String name, String syncStatus) {
    this.name = name;
    this.syncStatus = syncStatus;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** {@code pending}, {@code running}, {@code completed}, ... */
  public String getSyncStatus() {
    return syncStatus;
  }

  public void setSyncStatus(String syncStatus) {
    this.syncStatus = syncStatus;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExternalResource && Objects.equals(id, ((ExternalResource) o).id)
        && Objects.equals(name, ((ExternalResource) o).name)
        && Objects.equals(syncStatus, ((ExternalResource) o).syncStatus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, syncStatus);
  }

  @Override
  public String toString() {
    return "ExternalResource{id=" + id + ", name=" + name + ", syncStatus=" + syncStatus + "}";
  }
}
