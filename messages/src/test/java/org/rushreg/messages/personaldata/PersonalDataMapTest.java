package org.rushreg.messages.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.NotificationDataReported;
import org.rushreg.messages.Topic;
import org.rushreg.messages.Topics;

/**
 * The guard of docs/personal-data.md: every column a migration of any service creates and every field a message
 * on any topic carries is in the map (with its purpose, legal basis and retention), and the map lists nothing that
 * is gone. A new column or field fails the build until someone has decided what it is for and how long it stays.
 */
class PersonalDataMapTest {

    private final PersonalDataMap map = RepositoryFiles.map();

    @Test
    void everyColumnOfEveryMigrationIsInTheMapAndNoOther() {
        Set<String> columns = RepositoryFiles.migrationColumns();
        // The scan must have found the services' migrations, or an empty map would pass.
        assertThat(columns).contains("registrations.email", "recipient.email");

        assertThat(map.problems(PersonalDataMap.COLUMN, "Columns", columns)).as("columns").isEmpty();
    }

    @Test
    void everyFieldOfEveryMessageIsInTheMapAndNoOther() {
        Set<String> fields = MessageFields.reachableFrom(Topics.ALL.stream().<Class<?>>map(Topic::valueType).toList());
        assertThat(fields).contains("Registrant.email", "Recipient.email");

        assertThat(map.problems(PersonalDataMap.FIELD, "Message fields", fields)).as("message fields").isEmpty();
    }

    @Test
    void everyFieldSealedInAnAccessAnswerIsInTheMapAndNoOther() {
        Set<String> fields = MessageFields.reachableFrom(
                List.of(CapacityDataReported.Held.class, NotificationDataReported.Held.class));
        assertThat(fields).contains("HeldRecipient.email");

        assertThat(map.problems(PersonalDataMap.SEALED_FIELD, "Sealed fields", fields)).as("sealed fields").isEmpty();
    }

    @Test
    void everyTopicAndItsDeadLetterTopicIsInTheMap() {
        Set<String> topics = new TreeSet<>();
        for (Topic<?> topic : Topics.ALL) {
            topics.add(topic.name());
            topics.add(topic.deadLetterName());
        }
        // The map also lists the capacity service's changelog topics, which no Topics constant names.
        List<String> missing = new ArrayList<>(topics);
        missing.removeAll(map.entries(PersonalDataMap.TOPIC));

        assertThat(missing).as("topics missing from %s: add each to a table headed '| topic |' with its purpose, "
                + "legal basis and retention", PersonalDataMap.FILE).isEmpty();
    }
}
