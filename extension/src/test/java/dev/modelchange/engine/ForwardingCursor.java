package dev.modelchange.engine;

import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.client.MongoChangeStreamCursor;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/** A cursor that does what another does; tests override what the in-JVM server cannot produce. */
class ForwardingCursor implements MongoChangeStreamCursor<RawBsonDocument> {
  private final MongoChangeStreamCursor<RawBsonDocument> delegate;

  ForwardingCursor(MongoChangeStreamCursor<RawBsonDocument> delegate) {
    this.delegate = delegate;
  }

  @Override
  public RawBsonDocument tryNext() {
    return delegate.tryNext();
  }

  @Override
  public BsonDocument getResumeToken() {
    return delegate.getResumeToken();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public boolean hasNext() {
    return delegate.hasNext();
  }

  @Override
  public RawBsonDocument next() {
    return delegate.next();
  }

  @Override
  public int available() {
    return delegate.available();
  }

  @Override
  public ServerCursor getServerCursor() {
    return delegate.getServerCursor();
  }

  @Override
  public ServerAddress getServerAddress() {
    return delegate.getServerAddress();
  }
}
