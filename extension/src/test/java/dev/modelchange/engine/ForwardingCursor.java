package dev.modelchange.engine;

import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;

/** A cursor that does what another does; tests override what the in-JVM server cannot produce. */
class ForwardingCursor implements MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> {
  private final MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> delegate;

  ForwardingCursor(MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> delegate) {
    this.delegate = delegate;
  }

  @Override
  public ChangeStreamDocument<BsonDocument> tryNext() {
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
  public ChangeStreamDocument<BsonDocument> next() {
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
