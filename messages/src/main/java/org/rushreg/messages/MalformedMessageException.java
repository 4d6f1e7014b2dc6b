package org.rushreg.messages;

/** A record on a topic is not a message of the expected type; it belongs in the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
