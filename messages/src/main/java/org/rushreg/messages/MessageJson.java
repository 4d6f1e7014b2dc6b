package org.rushreg.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
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

    private static final JsonMapper MAPPER = builder().build();

    private MessageJson() {
    }

    public static byte[] toBytes(Object message) {
        return MAPPER.writeValueAsBytes(message);
    }

    public static String toJson(Object message) {
        return MAPPER.writeValueAsString(message);
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        return read(MAPPER, bytes, type);
    }

    public static <T> T fromBytes(byte[] bytes, Topic<T> topic) {
        return fromBytes(bytes, topic.valueType());
    }

    /**
     * A reader for a consumer that uses only part of a topic's messages: the named properties of each class are
     * passed over, not built, and read as null. Building what it then throws away (an event's summary, texts in two
     * languages) can be most of such a consumer's cost.
     */
    public static Reader skipping(Map<Class<?>, Set<String>> skippedProperties) {
        JsonMapper.Builder builder = builder();
        skippedProperties.forEach((owner, properties) -> builder.withConfigOverride(owner, override ->
                override.setIgnorals(JsonIgnoreProperties.Value.forIgnoredProperties(properties).withIgnoreUnknown())));
        return new Reader(builder.build());
    }

    /** Reads messages leaving out what it was made to skip; see {@link #skipping}. */
    public static final class Reader {

        private final JsonMapper mapper;

        private Reader(JsonMapper mapper) {
            this.mapper = mapper;
        }

        public <T> T fromBytes(byte[] bytes, Topic<T> topic) {
            return read(mapper, bytes, topic.valueType());
        }
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                // A newer writer may add fields; an older reader must still understand the rest.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .addModule(new SimpleModule("iso-instants")
                        .addSerializer(Instant.class, new InstantText())
                        .addDeserializer(Instant.class, new TextInstant()));
    }

    private static <T> T read(JsonMapper mapper, byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new MalformedMessageException("Empty record where a " + type.getSimpleName() + " was expected", null);
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new MalformedMessageException(
                    "Record is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
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
