package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicDeclarationsTest {

    @Test
    void everyTopicAndItsDeadLetterTopicIsDeclaredOnce() {
        List<String> names = TopicDeclarations.of(TopicDeclarations.Settings.singleBroker()).stream()
                .map(TopicDeclaration::name).toList();

        assertThat(names).containsExactly("registration.commands", "registration.commands.dlq",
                "registration.decisions", "registration.decisions.dlq", "seat.availability", "seat.availability.dlq",
                "notification.outcomes", "notification.outcomes.dlq", "attendance", "attendance.dlq",
                "erasure.confirmations", "erasure.confirmations.dlq", "personal-data.expirations",
                "personal-data.expirations.dlq", "personal-data.access", "personal-data.access.dlq");
    }

    @Test
    void onAClusterEveryTopicHasThreeReplicasAndNeedsTwoInSync() {
        for (TopicDeclaration topic : TopicDeclarations.of(TopicDeclarations.Settings.cluster())) {
            assertThat(topic.partitions()).as(topic.name()).isEqualTo(6);
            assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 3);
            assertThat(topic.configs()).as(topic.name()).containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void seatAvailabilityIsCompactedAndKeepsNoTimeLimitTopicsWithPersonalDataExpire() {
        Map<String, Map<String, String>> configs = configs(TopicDeclarations.Settings.singleBroker()
                .withPersonalDataRetention(Duration.ofDays(3)));

        assertThat(configs.get("seat.availability"))
                .containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
        assertThat(configs.get("seat.availability.dlq")).doesNotContainKeys("retention.ms", "cleanup.policy");
        assertThat(configs.get("personal-data.expirations"))
                .containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
        for (String personal : List.of("registration.commands", "registration.commands.dlq", "registration.decisions",
                "registration.decisions.dlq", "notification.outcomes", "notification.outcomes.dlq", "attendance",
                "attendance.dlq", "erasure.confirmations", "erasure.confirmations.dlq")) {
            assertThat(configs.get(personal)).as(personal)
                    .containsEntry("retention.ms", Long.toString(Duration.ofDays(3).toMillis()))
                    .containsEntry("segment.ms", Long.toString(Duration.ofDays(3).toMillis() / 7))
                    .doesNotContainKey("cleanup.policy");
        }
    }

    @Test
    void theAccessTopicKeepsItsAnswersOnlyBriefly() {
        Map<String, Map<String, String>> configs = configs(TopicDeclarations.Settings.singleBroker()
                .withAccessRetention(Duration.ofMinutes(10)));

        for (String access : List.of("personal-data.access", "personal-data.access.dlq")) {
            assertThat(configs.get(access)).as(access)
                    .containsEntry("retention.ms", Long.toString(Duration.ofMinutes(10).toMillis()))
                    .containsEntry("segment.ms", Long.toString(Duration.ofMinutes(10).toMillis() / 7))
                    .doesNotContainKey("cleanup.policy");
        }
        assertThat(configs(TopicDeclarations.Settings.singleBroker()).get("personal-data.access"))
                .containsEntry("retention.ms", Long.toString(TopicDeclarations.ACCESS_RETENTION.toMillis()));
    }

    @Test
    void theBrokersDefaultsAreLeftAloneWhereAsked() {
        TopicDeclaration commands = TopicDeclarations.of(new TopicDeclarations.Settings(6, (short) -1, 0,
                TopicDeclarations.PERSONAL_DATA_RETENTION)).get(0);

        assertThat(commands.replicationFactor()).isEqualTo((short) -1);
        assertThat(commands.configs()).containsOnlyKeys("retention.ms", "segment.ms");
        assertThat(commands.configs().get("retention.ms")).isEqualTo("604800000");
    }

    @Test
    void aRecordWithPersonalDataIsGoneWithinTheRetentionAndOneSegmentOfASeventhOfIt() {
        assertThat(TopicDeclarations.segmentOf(Duration.ofDays(7))).isEqualTo(Duration.ofDays(1));
        assertThat(TopicDeclarations.segmentOf(Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(1));
        assertThat(TopicDeclarations.segmentOf(Duration.ofMillis(3))).as("never 0, which no broker takes")
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aChangelogThatForgetsIsCompactedWithinTheRetention() {
        assertThat(TopicDeclarations.forgettingChangelog(Duration.ofDays(7)))
                .containsExactlyEntriesOf(Map.of("max.compaction.lag.ms", "604800000"));
    }

    @Test
    void settingsThatNoBrokerAcceptsAreRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> new TopicDeclarations.Settings(6, (short) 3, 4, Duration.ofDays(1)))
                .hasMessageContaining("min.insync.replicas must be between 1 and the replication factor 3");
        assertThatThrownBy(() -> new TopicDeclarations.Settings(0, (short) 1, 1, Duration.ofDays(1)))
                .hasMessageContaining("partitions must be positive");
        assertThatThrownBy(() -> new TopicDeclarations.Settings(6, (short) 1, 1, Duration.ZERO))
                .hasMessageContaining("retention of topics with personal data must be positive");
    }

    private static Map<String, Map<String, String>> configs(TopicDeclarations.Settings settings) {
        return TopicDeclarations.of(settings).stream()
                .collect(java.util.stream.Collectors.toMap(TopicDeclaration::name, TopicDeclaration::configs));
    }
}
