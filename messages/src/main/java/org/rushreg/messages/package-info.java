/**
 * The contract between the services: every message on every topic, as a Java record, with its JSON form
 * ({@link org.rushreg.messages.MessageJson}) and the topic it travels on ({@link org.rushreg.messages.Topics}).
 *
 * <p>Every message carries a unique {@code messageId}, the time it was created ({@code createdAt}) and the
 * {@code schemaVersion} of its shape. Readers ignore fields they do not know, so a field can be added without
 * stopping the world; removing or changing one is a new schema version.
 */
package org.rushreg.messages;
