package org.rushreg.messages.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.Topic;
import org.rushreg.messages.Topics;

/** The guard's parts, on made-up migrations, maps and messages: it names what is missing or stale. */
class PersonalDataGuardTest {

    private static final String MAP = """
            # Personal data

            | column | personal data | purpose | legal basis | retention |
            |---|---|---|---|---|
            | `people.id` | no | key | - | kept forever |
            | `people.email` | yes | to write to them | Art. 6(1)(b) | kept forever |

            Some text between tables.

            | topic | key | retention |
            |---|---|---|
            | `people.changes` | id | broker default 7 days |

            | field | personal data | purpose | legal basis | retention |
            |---|---|---|---|---|
            | `Signup.person` | yes | who | Art. 6(1)(b) | as the topic |
            | `Person.email` | yes | to write to them | Art. 6(1)(b) | as the topic |
            """;

    private static final String MIGRATION = """
            -- people, one row each
            CREATE TABLE people (
                id     text PRIMARY KEY,
                email  text NOT NULL  -- trimmed
            );
            """;

    @Test
    void theMapIsReadFromItsColumnFieldAndTopicTablesOnly() {
        PersonalDataMap map = PersonalDataMap.parse(MAP);

        assertThat(map.entries(PersonalDataMap.COLUMN)).containsExactly("people.email", "people.id");
        assertThat(map.entries(PersonalDataMap.FIELD)).containsExactly("Person.email", "Signup.person");
        assertThat(map.entries(PersonalDataMap.TOPIC)).containsExactly("people.changes");
    }

    @Test
    void aMigrationAndAMapThatAgreeHaveNoProblems() {
        Set<String> columns = new MigrationColumns().apply(MIGRATION).columns();

        assertThat(PersonalDataMap.parse(MAP).problems(PersonalDataMap.COLUMN, "Columns", columns)).isEmpty();
    }

    @Test
    void aColumnAddedByAMigrationWithoutAMapEntryIsNamedWithWhatToDo() {
        Set<String> columns = new MigrationColumns()
                .apply(MIGRATION)
                .apply("alter table people add column phone text, add column sector text;")
                .columns();

        List<String> problems = PersonalDataMap.parse(MAP).problems(PersonalDataMap.COLUMN, "Columns", columns);

        assertThat(problems).singleElement().asString()
                .contains("people.phone, people.sector")
                .contains("docs/personal-data.md")
                .contains("purpose, legal basis and retention");
    }

    @Test
    void aMapEntryWhoseColumnWasDroppedIsNamed() {
        Set<String> columns = new MigrationColumns()
                .apply(MIGRATION)
                .apply("ALTER TABLE people DROP COLUMN email;")
                .columns();

        List<String> problems = PersonalDataMap.parse(MAP).problems(PersonalDataMap.COLUMN, "Columns", columns);

        assertThat(problems).singleElement().asString()
                .contains("lists Columns that no longer exist: people.email");
    }

    @Test
    void theRealMapDoesNotCoverAColumnANewMigrationWouldAdd() {
        Set<String> columns = RepositoryFiles.migrationColumns();
        columns.addAll(new MigrationColumns().apply("alter table registrations add column phone_number text;")
                .columns());

        assertThat(RepositoryFiles.map().problems(PersonalDataMap.COLUMN, "Columns", columns))
                .singleElement().asString().contains("registrations.phone_number");
    }

    @Test
    void createTableListsColumnsButNotConstraintsOrKeys() {
        Set<String> columns = new MigrationColumns().apply("""
                create table if not exists public.seats (
                    event_id  text not null references events (id) on delete cascade,
                    "Id"      text not null,
                    position  numeric(10, 2),
                    constraint seats_unique unique (event_id, position),
                    primary key (event_id, "Id"),
                    foreign key (event_id) references events (id),
                    check (position > 0)
                );
                create index seats_at on seats (event_id, position);
                """).columns();

        assertThat(columns).containsExactly("seats.Id", "seats.event_id", "seats.position");
    }

    @Test
    void alterTableAddsDropsAndRenamesColumnsAndTables() {
        Set<String> columns = new MigrationColumns().apply("""
                create table a (x int, y int);
                alter table a add column if not exists z text, add w text, add constraint a_x unique (x);
                alter table only a drop column y, drop constraint a_x;
                alter table a rename column x to xx;
                /* a block comment: alter table a add column hidden text; */
                alter table a rename to b;
                create table c (q int);
                drop table if exists c;
                """).columns();

        assertThat(columns).containsExactly("b.w", "b.xx", "b.z");
    }

    @Test
    void aMessageFieldWithoutAMapEntryIsNamedThroughSealedTypesRecordsAndLists() {
        Set<String> fields = MessageFields.reachableFrom(List.of(FakeMessage.class));

        assertThat(fields).containsExactlyInAnyOrder("Signup.person", "Signup.seats", "Person.email",
                "Person.phone", "Seat.sessionId", "Withdrawal.reason");
        assertThat(PersonalDataMap.parse(MAP).problems(PersonalDataMap.FIELD, "Message fields", fields))
                .singleElement().asString()
                .contains("Message fields missing from docs/personal-data.md: Person.phone, Seat.sessionId, "
                        + "Signup.seats, Withdrawal.reason")
                .contains("purpose, legal basis and retention");
    }

    @Test
    void theRealMessagesAreFoundFromTheTopics() {
        Set<String> fields = MessageFields.reachableFrom(Topics.ALL.stream().<Class<?>>map(Topic::valueType).toList());

        // Through the sealed command type, a record component and a list of records.
        assertThat(fields).contains("RegisterAttendee.registrant", "Registrant.organisation",
                "ConsentRecord.newsletter", "SessionOutcome.waitlistPosition", "NotificationOutcome.reason");
    }

    sealed interface FakeMessage permits Signup, Withdrawal {
    }

    record Signup(Person person, List<Seat> seats) implements FakeMessage {
    }

    record Withdrawal(String reason) implements FakeMessage {
    }

    record Person(String email, String phone) {
    }

    record Seat(String sessionId) {
    }
}
