package org.rushreg.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of every message. Services write and read records through this, whatever their framework's
 * own converters would do, so that the bytes on a topic do not depend on which service wrote them.
 */
public final class MessageJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // A newer writer may add fields; an older reader must still understand the rest.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
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
}
