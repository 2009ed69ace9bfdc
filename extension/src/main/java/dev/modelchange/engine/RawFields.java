package dev.modelchange.engine;

import java.nio.charset.StandardCharsets;
import org.bson.BsonSerializationException;
import org.bson.RawBsonDocument;

/**
 * Where the top-level fields of a raw change event are, found in one pass over its bytes without allocating: each
 * is the offset of the field's value (-1 when the event has no such field, or has it as BSON null). Field names
 * are compared as bytes; values are skipped by their BSON type. {@code ns} is entered to find {@code db} and
 * {@code coll}.
 */
final class RawFields {
  private static final byte DOUBLE = 0x01;
  private static final byte STRING = 0x02;
  private static final byte DOCUMENT = 0x03;
  private static final byte ARRAY = 0x04;
  private static final byte BINARY = 0x05;
  private static final byte OBJECT_ID = 0x07;
  private static final byte BOOLEAN = 0x08;
  private static final byte DATE_TIME = 0x09;
  private static final byte REGEX = 0x0B;
  private static final byte DB_POINTER = 0x0C;
  private static final byte CODE = 0x0D;
  private static final byte SYMBOL = 0x0E;
  private static final byte CODE_WITH_SCOPE = 0x0F;
  private static final byte INT32 = 0x10;
  private static final byte TIMESTAMP = 0x11;
  private static final byte INT64 = 0x12;
  private static final byte DECIMAL128 = 0x13;

  private static final byte[] ID = ascii("_id");
  private static final byte[] OPERATION_TYPE = ascii("operationType");
  private static final byte[] CLUSTER_TIME = ascii("clusterTime");
  private static final byte[] WALL_TIME = ascii("wallTime");
  private static final byte[] DOCUMENT_KEY = ascii("documentKey");
  private static final byte[] FULL_DOCUMENT = ascii("fullDocument");
  private static final byte[] FULL_DOCUMENT_BEFORE_CHANGE = ascii("fullDocumentBeforeChange");
  private static final byte[] NS = ascii("ns");
  private static final byte[] UPDATE_DESCRIPTION = ascii("updateDescription");
  private static final byte[] DB = ascii("db");
  private static final byte[] COLL = ascii("coll");

  private final byte[] bytes;
  int resumeToken = -1;
  int operationType = -1;
  int clusterTime = -1;
  int wallTime = -1;
  int documentKey = -1;
  int fullDocument = -1;
  int fullDocumentBeforeChange = -1;
  int namespace = -1;
  int updateDescription = -1;
  int namespaceDb = -1;
  int namespaceColl = -1;

  /**
   * @param offset where the event's document starts in {@code bytes}
   * @throws BsonSerializationException when the bytes are not a BSON document
   */
  RawFields(byte[] bytes, int offset) {
    this.bytes = bytes;
    int end = offset + int32(offset) - 1;
    int at = offset + 4;
    while (at < end) {
      byte type = bytes[at++];
      int name = at;
      at = afterName(at);
      int value = at;
      at = skip(type, value);
      if (type == 0x0A || type == 0x06) { // null or undefined: as if absent
        continue;
      }
      if (is(name, ID) && type == DOCUMENT) {
        resumeToken = value;
      } else if (is(name, OPERATION_TYPE) && type == STRING) {
        operationType = value;
      } else if (is(name, CLUSTER_TIME) && type == TIMESTAMP) {
        clusterTime = value;
      } else if (is(name, WALL_TIME) && type == DATE_TIME) {
        wallTime = value;
      } else if (is(name, DOCUMENT_KEY) && type == DOCUMENT) {
        documentKey = value;
      } else if (is(name, FULL_DOCUMENT) && type == DOCUMENT) {
        fullDocument = value;
      } else if (is(name, FULL_DOCUMENT_BEFORE_CHANGE) && type == DOCUMENT) {
        fullDocumentBeforeChange = value;
      } else if (is(name, UPDATE_DESCRIPTION) && type == DOCUMENT) {
        updateDescription = value;
      } else if (is(name, NS) && type == DOCUMENT) {
        namespace = value;
        findNamespace(value);
      }
    }
    if (at != end || bytes[end] != 0) {
      throw new BsonSerializationException("A change event's BSON is malformed at offset " + (at - offset));
    }
  }

  private void findNamespace(int document) {
    int end = document + int32(document) - 1;
    int at = document + 4;
    while (at < end) {
      byte type = bytes[at++];
      int name = at;
      at = afterName(at);
      if (type == STRING && is(name, DB)) {
        namespaceDb = at;
      } else if (type == STRING && is(name, COLL)) {
        namespaceColl = at;
      }
      at = skip(type, at);
    }
  }

  /** The document at {@code at}, a slice of the same bytes; null for -1. */
  RawBsonDocument document(int at) {
    return at < 0 ? null : new RawBsonDocument(bytes, at, int32(at));
  }

  /** The string at {@code at}. */
  String string(int at) {
    return new String(bytes, at + 4, int32(at) - 1, StandardCharsets.UTF_8);
  }

  /** Whether the string at {@code at} is {@code expected} (UTF-8), without decoding it. */
  boolean stringEquals(int at, byte[] expected) {
    int length = int32(at) - 1;
    if (length != expected.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[at + 4 + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the string at {@code at} is {@code expected}; compares without decoding when it is ASCII. */
  boolean stringEquals(int at, String expected) {
    int length = int32(at) - 1;
    if (length != expected.length()) {
      return length >= expected.length() && string(at).equals(expected); // multi-byte UTF-8 is longer in bytes
    }
    for (int i = 0; i < length; i++) {
      byte b = bytes[at + 4 + i];
      if (b < 0) {
        return string(at).equals(expected);
      }
      if (b != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  int int32(int at) {
    return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
        | (bytes[at + 3] & 0xff) << 24;
  }

  long int64(int at) {
    return (int32(at) & 0xffffffffL) | ((long) int32(at + 4)) << 32;
  }

  private boolean is(int name, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[name + i] != expected[i]) {
        return false;
      }
    }
    return bytes[name + expected.length] == 0;
  }

  private int afterName(int at) {
    while (bytes[at] != 0) {
      at++;
    }
    return at + 1;
  }

  private int skip(byte type, int at) {
    return switch (type) {
      case DOUBLE, DATE_TIME, TIMESTAMP, INT64 -> at + 8;
      case STRING, CODE, SYMBOL -> at + 4 + int32(at);
      case DOCUMENT, ARRAY, CODE_WITH_SCOPE -> at + int32(at);
      case BINARY -> at + 5 + int32(at);
      case OBJECT_ID -> at + 12;
      case BOOLEAN -> at + 1;
      case REGEX -> afterName(afterName(at));
      case DB_POINTER -> at + 4 + int32(at) + 12;
      case INT32 -> at + 4;
      case DECIMAL128 -> at + 16;
      case 0x06, 0x0A, (byte) 0xFF, 0x7F -> at; // undefined, null, min key, max key
      default -> throw new BsonSerializationException("A change event has a field of unknown BSON type " + type);
    };
  }

  private static byte[] ascii(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }
}
