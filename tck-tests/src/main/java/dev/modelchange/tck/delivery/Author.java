package dev.modelchange.tck.delivery;

import org.bson.codecs.pojo.annotations.BsonId;

/** A record model: collection {@code authors} by the naming convention. */
public record Author(@BsonId String id, String name) {}
