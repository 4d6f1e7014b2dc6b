package org.rushreg.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The one JSON form of every message. Services write and read records through this, whatever their framework's
 * own converters would do, so that the bytes on a topic do not depend on which service wrote them.
 */
public final class MessageJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // A newer writer may add fields; an older reader must still understand the rest.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addModule(new SimpleModule("iso-instants")
                    .addSerializer(Instant.class, new InstantText())
                    .addDeserializer(Instant.class, new TextInstant()))
            .build();

    private MessageJson() {
    }

    public static byte[] toBytes(Object message) {
        return MAPPER.writeValueAsBytes(message);
    }

    public static String toJson(Object message) {
        return MAPPER.writeValueAsString(message);
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new MalformedMessageException("Empty record where a " + type.getSimpleName() + " was expected", null);
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new MalformedMessageException(
                    "Record is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T fromBytes(byte[] bytes, Topic<T> topic) {
        return fromBytes(bytes, topic.valueType());
    }

    /** Writes an instant as {@link Instant#toString()} does, through {@link IsoInstant}. */
    private static final class InstantText extends StdSerializer<Instant> {

        InstantText() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(IsoInstant.format(value));
        }
    }

    /** Reads the usual form through {@link IsoInstant}; every other form goes to Jackson's own reader. */
    private static final class TextInstant extends StdDeserializer<Instant> {

        TextInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant instant = IsoInstant.parse(parser.getString());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
