package dev.modelchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * Fragments of an event over 16 MB, as {@code $changeStreamSplitLargeEvent} sends them, put together again: whole,
 * with the last fragment's token, or not at all.
 */
class EventFragmentsTest {
  private final EventFragments fragments = new EventFragments();

  static BsonDocument token(String data) {
    return new BsonDocument("_data", new BsonString(data));
  }

  static BsonDocument fragment(String token, int n, int of) {
    return new BsonDocument("_id", token(token))
        .append("splitEvent", new BsonDocument("fragment", new BsonInt32(n)).append("of", new BsonInt32(of)));
  }

  @Test
  void anEventThatIsNoFragmentPassesAsItIs() {
    BsonDocument insert = new BsonDocument("_id", token("01")).append("operationType", new BsonString("insert"));
    assertThat(fragments.add(insert)).isSameAs(insert);
    assertThat(fragments.isAssembling()).isFalse();
  }

  @Test
  void fragmentsInOrderMakeOneEventWithEveryFieldAndTheLastFragmentsToken() {
    BsonDocument first = fragment("02-1", 1, 3).append("operationType", new BsonString("update"))
        .append("documentKey", new BsonDocument("_id", new BsonString("big")))
        .append("fullDocument", new BsonDocument("payload", new BsonString("after")));
    BsonDocument second = fragment("02-2", 2, 3)
        .append("fullDocumentBeforeChange", new BsonDocument("payload", new BsonString("before")));
    BsonDocument third = fragment("02-3", 3, 3).append("updateDescription", new BsonDocument("updatedFields",
        new BsonDocument("payload", new BsonString("after"))));

    assertThat(fragments.add(first)).isNull();
    assertThat(fragments.isAssembling()).isTrue();
    assertThat(fragments.add(second)).isNull();
    BsonDocument whole = fragments.add(third);

    assertThat(whole).isEqualTo(new BsonDocument("_id", token("02-3"))
        .append("operationType", new BsonString("update"))
        .append("documentKey", new BsonDocument("_id", new BsonString("big")))
        .append("fullDocument", new BsonDocument("payload", new BsonString("after")))
        .append("fullDocumentBeforeChange", new BsonDocument("payload", new BsonString("before")))
        .append("updateDescription", new BsonDocument("updatedFields",
            new BsonDocument("payload", new BsonString("after")))));
    assertThat(fragments.isAssembling()).isFalse();
  }

  @Test
  void aMissingFragmentBreaksTheSequenceAndNothingIsPassedOn() {
    fragments.add(fragment("03-1", 1, 3));
    assertThatThrownBy(() -> fragments.add(fragment("03-3", 3, 3)))
        .isInstanceOf(EventFragments.BrokenSequence.class)
        .hasMessageContaining("fragment 3 of 3 came after fragment 1 of 3")
        .hasMessageContaining("\"03-1\"");
    assertThat(fragments.isAssembling()).as("the fragments held are dropped").isFalse();
  }

  @Test
  void anEventBeforeTheLastFragmentBreaksTheSequence() {
    fragments.add(fragment("04-1", 1, 2));
    assertThatThrownBy(() -> fragments.add(new BsonDocument("_id", token("05"))))
        .isInstanceOf(EventFragments.BrokenSequence.class)
        .hasMessageContaining("not a fragment");
  }

  @Test
  void aNewEventsFirstFragmentBeforeTheLastIsCompleteBreaksTheSequence() {
    fragments.add(fragment("06-1", 1, 2));
    assertThatThrownBy(() -> fragments.add(fragment("07-1", 1, 2)))
        .isInstanceOf(EventFragments.BrokenSequence.class);
  }

  @Test
  void aFragmentCountThatChangesBreaksTheSequence() {
    fragments.add(fragment("08-1", 1, 3));
    assertThatThrownBy(() -> fragments.add(fragment("08-2", 2, 4)))
        .isInstanceOf(EventFragments.BrokenSequence.class);
  }

  @Test
  void aSequenceThatStartsInTheMiddleIsBroken() {
    assertThatThrownBy(() -> fragments.add(fragment("09-2", 2, 2)))
        .isInstanceOf(EventFragments.BrokenSequence.class)
        .hasMessageContaining("the first fragment seen is fragment 2 of 2");
  }

  @Test
  void aMalformedSplitEventIsBroken() {
    BsonDocument malformed = new BsonDocument("_id", token("10")).append("splitEvent", new BsonString("?"));
    assertThatThrownBy(() -> fragments.add(malformed)).isInstanceOf(EventFragments.BrokenSequence.class);
  }

  @Test
  void afterABreakTheEventPutTogetherFromItsFirstFragmentIsWhole() {
    fragments.add(fragment("11-1", 1, 2).append("operationType", new BsonString("update")));
    assertThatThrownBy(() -> fragments.add(new BsonDocument("_id", token("12"))))
        .isInstanceOf(EventFragments.BrokenSequence.class);
    // read again from the position before the first fragment
    assertThat(fragments.add(fragment("11-1", 1, 2).append("operationType", new BsonString("update")))).isNull();
    assertThat(fragments.add(fragment("11-2", 2, 2).append("updateDescription", new BsonDocument())))
        .isEqualTo(new BsonDocument("_id", token("11-2")).append("operationType", new BsonString("update"))
            .append("updateDescription", new BsonDocument()));
  }
}
