package dev.modelchange.tck.matching;

import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import dev.modelchange.tck.Recorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Observers of one model that differ only in their qualifier's operations, filter and full-document mode. */
@ApplicationScoped
public class MatchingObservers {
  private final Recorder<Article> all = new Recorder<>();
  private final Recorder<Article> inserts = new Recorder<>();
  private final Recorder<Article> insertsAndDeletes = new Recorder<>();
  private final Recorder<Article> published = new Recorder<>();
  private final Recorder<Article> popular = new Recorder<>();
  private final Recorder<Article> lookedUp = new Recorder<>();

  void all(@Observes @ModelChange(Article.class) ChangeEvent<Article> e) {
    all.record(e);
  }

  void inserts(@Observes @ModelChange(value = Article.class, operations = OperationType.INSERT)
      ChangeEvent<Article> e) {
    inserts.record(e);
  }

  void insertsAndDeletes(@Observes @ModelChange(value = Article.class,
      operations = {OperationType.INSERT, OperationType.DELETE}) ChangeEvent<Article> e) {
    insertsAndDeletes.record(e);
  }

  void published(@Observes @ModelChange(value = Article.class, filter = "{\"published\": true}")
      ChangeEvent<Article> e) {
    published.record(e);
  }

  void popular(@Observes @ModelChange(value = Article.class, operations = OperationType.UPDATE,
      filter = "{\"views\": {\"$gte\": 100}, \"published\": true}") ChangeEvent<Article> e) {
    popular.record(e);
  }

  void lookedUp(@Observes @ModelChange(value = Article.class, fullDocument = FullDocument.UPDATE_LOOKUP)
      ChangeEvent<Article> e) {
    lookedUp.record(e);
  }

  public Recorder<Article> all() {
    return all;
  }

  public Recorder<Article> inserts() {
    return inserts;
  }

  public Recorder<Article> insertsAndDeletes() {
    return insertsAndDeletes;
  }

  public Recorder<Article> published() {
    return published;
  }

  public Recorder<Article> popular() {
    return popular;
  }

  public Recorder<Article> lookedUp() {
    return lookedUp;
  }
}
