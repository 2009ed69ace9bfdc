package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import dev.modelchange.engine.StreamErrors.Action;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.json.JsonParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a watcher does about each kind of failure: labels first, then codes, then types. */
class StreamErrorsTest {

  private static MongoCommandException serverError(int code, String... labels) {
    BsonDocument reply = new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
        .append("errmsg", new BsonString("error " + code));
    if (labels.length > 0) {
      BsonArray array = new BsonArray();
      for (String l : labels) {
        array.add(new BsonString(l));
      }
      reply.append("errorLabels", array);
    }
    return new MongoCommandException(reply, new ServerAddress());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("history lost (286)", serverError(286), Action.HISTORY_LOST),
        Arguments.of("change stream fatal (280)", serverError(280), Action.HISTORY_LOST),
        Arguments.of("invalid resume token (260)", serverError(260), Action.HISTORY_LOST),
        Arguments.of("a label beats its code", serverError(286, StreamErrors.RESUMABLE_LABEL), Action.RETRY),
        Arguments.of("resumable label on an unknown code", serverError(91, StreamErrors.RESUMABLE_LABEL),
            Action.RETRY),
        Arguments.of("not primary (10107)", serverError(10107), Action.RETRY),
        Arguments.of("failed to parse (9)", serverError(9), Action.MALFORMED_PIPELINE),
        Arguments.of("unknown stage (40324)", serverError(40324), Action.MALFORMED_PIPELINE),
        Arguments.of("$match not allowed here (16410)", serverError(16410), Action.MALFORMED_PIPELINE),
        Arguments.of("event over 16 MB (10334)", serverError(10334), Action.EVENT_TOO_LARGE),
        Arguments.of("a label on a too large event", serverError(10334, StreamErrors.RESUMABLE_LABEL),
            Action.RETRY),
        Arguments.of("an event too large even in fragments (a field over 16 MB, 10334)", serverError(10334),
            Action.EVENT_TOO_LARGE),
        Arguments.of("fragments of a split event out of sequence",
            new EventFragments.BrokenSequence("fragment 3 of 3 came after fragment 1 of 3"),
            Action.SPLIT_EVENT_BROKEN),
        Arguments.of("socket read", new MongoSocketReadException("reset", new ServerAddress()), Action.RETRY),
        Arguments.of("server selection timeout", new MongoTimeoutException("no server"), Action.RETRY),
        Arguments.of("interrupted", new MongoInterruptedException("stop", null), Action.RETRY),
        Arguments.of("a generic driver error", new MongoException("?"), Action.RETRY),
        Arguments.of("an unreadable stored token", new JsonParseException("not JSON"), Action.UNREADABLE_POSITION),
        Arguments.of("a store that is down", new IllegalStateException("refused"), Action.RETRY),
        Arguments.of("a listener's AssertionError", new AssertionError("x"), Action.CRASH),
        Arguments.of("a stack overflow", new StackOverflowError(), Action.CRASH),
        Arguments.of("out of memory", new OutOfMemoryError(), Action.CRASH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void classifies(String what, Throwable failure, Action expected) {
    assertThat(StreamErrors.classify(failure)).as(what).isEqualTo(expected);
  }

  static Stream<Arguments> receiverFailures() {
    return Stream.of(
        Arguments.of(new OutOfMemoryError(), true),
        Arguments.of(new InternalError(), true),
        Arguments.of(new StackOverflowError(), false),
        Arguments.of(new AssertionError(), false),
        Arguments.of(new LinkageError(), false),
        Arguments.of(new RuntimeException(), false));
  }

  @ParameterizedTest(name = "{0} fatal: {1}")
  @MethodSource("receiverFailures")
  void onlyAJvmFailureOtherThanAStackOverflowIsFatal(Throwable failure, boolean fatal) {
    assertThat(StreamErrors.isFatal(failure)).isEqualTo(fatal);
  }

  static Stream<Arguments> storeFailures() {
    return Stream.of(
        Arguments.of("wrong JDBC password (28000)", new IllegalStateException(new SQLException("no", "28000")), true),
        Arguments.of("no such database (3D000)", new IllegalStateException(new SQLException("no", "3D000")), true),
        Arguments.of("no privilege (42501)", new SQLException("no", "42501"), true),
        Arguments.of("connection refused (08001)", new IllegalStateException(new SQLException("no", "08001")),
            false),
        Arguments.of("MongoDB authentication", new MongoSecurityException(
            MongoCredential.createCredential("u", "db", "p".toCharArray()), "auth failed"), true),
        Arguments.of("MongoDB unauthorized (13)", serverError(13), true),
        Arguments.of("MongoDB down", new MongoTimeoutException("no server"), false),
        Arguments.of("no SQL state", new SQLException("no state"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storeFailures")
  void tellsAMisconfiguredStoreFromAnUnreachableOne(String what, Throwable failure, boolean misconfigured) {
    assertThat(StreamErrors.isStoreMisconfigured(failure)).as(what).isEqualTo(misconfigured);
  }
}
