package dev.modelchange.engine;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import dev.modelchange.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * What makes two change streams different on the server: the collection, the full-document modes, the
 * server-side pipeline, and for a durable listener its own id (it keeps its own position). Everything else
 * (operations, filters) is evaluated in the process, so receivers of one shape share one cursor.
 */
final class StreamShape {
  private final MongoNamespace namespace;
  private final FullDocument fullDocument;
  private final FullDocumentBeforeChange fullDocumentBeforeChange;
  private final List<BsonDocument> pipeline;
  private final String durableListenerId;
  private final Delivery delivery;
  private final String key;

  StreamShape(MongoNamespace namespace, FullDocument fullDocument, FullDocumentBeforeChange before,
      List<BsonDocument> pipeline, String durableListenerId) {
    this(namespace, fullDocument, before, pipeline, durableListenerId, Delivery.EACH_INSTANCE);
  }

  StreamShape(MongoNamespace namespace, FullDocument fullDocument, FullDocumentBeforeChange before,
      List<BsonDocument> pipeline, String durableListenerId, Delivery delivery) {
    this.delivery = Objects.requireNonNull(delivery);
    this.namespace = Objects.requireNonNull(namespace);
    this.fullDocument = Objects.requireNonNull(fullDocument);
    this.fullDocumentBeforeChange = Objects.requireNonNull(before);
    this.pipeline = List.copyOf(pipeline);
    this.durableListenerId = durableListenerId;
    StringBuilder k = new StringBuilder(fullDocument.getValue());
    if (before != FullDocumentBeforeChange.DEFAULT) {
      k.append("+before=").append(before.getValue());
    }
    if (!pipeline.isEmpty()) {
      k.append("+pipeline=").append(digest(new BsonDocument("p", new BsonArray(this.pipeline)).toJson()));
    }
    if (durableListenerId != null) {
      k.append("+listener=").append(durableListenerId);
    }
    if (delivery == Delivery.ONE_INSTANCE) {
      k.append("+one-instance");
    }
    this.key = k.toString();
  }

  static StreamShape of(MongoNamespace namespace, FullDocument fullDocument, Delivery delivery) {
    return new StreamShape(namespace, fullDocument, FullDocumentBeforeChange.DEFAULT, List.of(), null, delivery);
  }

  /** Which instances receive its changes; a {@link Delivery#ONE_INSTANCE} stream runs behind a lease. */
  Delivery delivery() {
    return delivery;
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  MongoNamespace namespace() {
    return namespace;
  }

  FullDocument fullDocument() {
    return fullDocument;
  }

  FullDocumentBeforeChange fullDocumentBeforeChange() {
    return fullDocumentBeforeChange;
  }

  List<BsonDocument> pipeline() {
    return pipeline;
  }

  boolean isDurableListener() {
    return durableListenerId != null;
  }

  /** The shape part of the stream's key in the token store, e.g. {@code default} or {@code updateLookup}. */
  String key() {
    return key;
  }

  /** The name of the stream's thread, after {@code modelchange-}: {@code db.coll}, with the shape unless default. */
  String threadName() {
    return namespace.getFullName() + (key.equals(FullDocument.DEFAULT.getValue()) ? "" : "[" + key + "]");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamShape && ((StreamShape) o).namespace.equals(namespace)
        && ((StreamShape) o).key.equals(key) && ((StreamShape) o).pipeline.equals(pipeline);
  }

  @Override
  public int hashCode() {
    return namespace.hashCode() * 31 + key.hashCode();
  }

  @Override
  public String toString() {
    return namespace + "/" + key;
  }
}
