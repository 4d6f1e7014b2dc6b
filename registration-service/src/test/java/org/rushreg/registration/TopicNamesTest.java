package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The destinations in application.yml are the topic names of the shared message module, and cannot drift. */
class TopicNamesTest {

    private static Properties configuration() {
        var yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject();
    }

    @Test
    void bindingsUseTheSharedTopicNames() {
        Properties p = configuration();
        String bindings = "spring.cloud.stream.bindings.";
        assertThat(p.getProperty(bindings + "readModel-in-0.destination")).isEqualTo(String.join(",",
                Topics.REGISTRATION_COMMANDS.name(), Topics.NOTIFICATION_OUTCOMES.name()));
        assertThat(p.getProperty(bindings + "readModelDecisions-in-0.destination"))
                .isEqualTo(Topics.REGISTRATION_DECISIONS.name());
        assertThat(p.getProperty(bindings + "seatAvailability-in-0.destination"))
                .isEqualTo(Topics.SEAT_AVAILABILITY.name());
    }

    @Test
    void theReadModelReadsCommandsAndEmailReportsWithOneConsumer() {
        // Without multiplex the binder makes one consumer per destination: two fetches and commits per poll.
        assertThat(configuration().getProperty("spring.cloud.stream.bindings.readModel-in-0.consumer.multiplex"))
                .isEqualTo("true");
    }

    @Test
    void theDecisionsConsumerBatchesAndCommitsAsTheOtherReadModelConsumerDoes() {
        Properties p = configuration();
        String kafka = "spring.cloud.stream.kafka.bindings.";
        for (String setting : List.of("ack-mode", "ack-time", "configuration.fetch.min.bytes",
                "configuration.fetch.max.wait.ms", "enable-dlq")) {
            assertThat(p.getProperty(kafka + "readModelDecisions-in-0.consumer." + setting)).as(setting)
                    .isNotNull().isEqualTo(p.getProperty(kafka + "readModel-in-0.consumer." + setting));
        }
    }

    @Test
    void deadLetterTopicsAreTheSharedOnes() {
        Properties p = configuration();
        String kafka = "spring.cloud.stream.kafka.bindings.";
        assertThat(p.getProperty(kafka + "seatAvailability-in-0.consumer.dlq-name"))
                .isEqualTo(Topics.SEAT_AVAILABILITY.deadLetterName());
    }

    @Test
    void consumersReadOnlyCommittedRecordsInTheServiceGroup() {
        Properties p = configuration();
        assertThat(p.getProperty("spring.cloud.stream.kafka.binder.consumer-properties.isolation.level"))
                .isEqualTo("read_committed");
        assertThat(p.getProperty("spring.cloud.stream.bindings.readModel-in-0.group"))
                .isEqualTo("registration-service");
        assertThat(p.getProperty("spring.cloud.stream.bindings.readModelDecisions-in-0.group"))
                .isEqualTo("registration-service");
        assertThat(p.getProperty("spring.cloud.stream.bindings.seatAvailability-in-0.group"))
                .isEqualTo("registration-service");
    }
}
