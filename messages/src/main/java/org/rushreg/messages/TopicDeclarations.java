package org.rushreg.messages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one declaration of the system's topics: each topic of {@link Topics#ALL} and its dead-letter topic, with
 * partitions, replication, cleanup policy, retention and {@code min.insync.replicas}. The capacity service, the
 * local stack, compose and the Helm chart all create exactly these (compose's script and the chart's
 * {@code KafkaTopic}s are checked against them by deploy-check's tests).
 *
 * <p>Kafka Streams' own changelog topics of the capacity service are not here: Kafka Streams creates them,
 * compacted, and they must stay so (the capacity state is restored from them); {@link #forgettingChangelog} gives
 * them the bound within which a rewritten record replaces the old one (decision 0048).
 */
public final class TopicDeclarations {

    /** Partitions of every topic: one event's commands stay on one partition, so this caps decisions in parallel. */
    public static final int PARTITIONS = 6;

    /**
     * How long a topic that carries personal data keeps a record: 7 days, the broker default the topics had before
     * it was declared. Consumers only need records they have not read yet (the read model's database and the
     * capacity service's changelogs hold what outlives them), so it only has to cover the longest outage of a
     * consumer; shorter than the 30 days after an event that its personal data may be kept (docs/personal-data.md).
     */
    public static final Duration PERSONAL_DATA_RETENTION = Duration.ofDays(7);

    /**
     * How long {@link Topics#PERSONAL_DATA_ACCESS} keeps a record: an answer to an access request is read within the
     * few seconds the request waits (decision 0050); an hour leaves room for a slow reader and keeps the names it
     * carries on the broker for little more than that (plus a segment, a seventh of it).
     */
    public static final Duration ACCESS_RETENTION = Duration.ofHours(1);

    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private TopicDeclarations() {
    }

    /**
     * What differs between deployments.
     *
     * @param partitions            partitions of every topic ({@link #PARTITIONS} on every deployment so far)
     * @param replicationFactor     replicas; {@code -1} = the broker's default
     * @param minInSyncReplicas     replicas that must have a record before it is acknowledged to an {@code acks=all}
     *                              producer; {@code 0} = the broker's default
     * @param personalDataRetention retention of the topics that carry personal data
     * @param accessRetention       retention of {@link Topics#PERSONAL_DATA_ACCESS} and its dead-letter topic
     */
    public record Settings(int partitions, short replicationFactor, int minInSyncReplicas,
                           Duration personalDataRetention, Duration accessRetention) {

        public Settings {
            if (partitions <= 0) {
                throw new IllegalArgumentException("partitions must be positive, not " + partitions);
            }
            if (replicationFactor == 0 || replicationFactor < -1) {
                throw new IllegalArgumentException(
                        "replication factor must be positive, or -1 for the broker's default, not " + replicationFactor);
            }
            if (minInSyncReplicas < 0 || (replicationFactor > 0 && minInSyncReplicas > replicationFactor)) {
                throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor "
                        + replicationFactor + " (0 = the broker's default), not " + minInSyncReplicas);
            }
            if (personalDataRetention == null || personalDataRetention.isNegative()
                    || personalDataRetention.isZero()) {
                throw new IllegalArgumentException("the retention of topics with personal data must be positive, not "
                        + personalDataRetention);
            }
            if (accessRetention == null || accessRetention.isNegative() || accessRetention.isZero()) {
                throw new IllegalArgumentException("the retention of the access requests' topic must be positive, not "
                        + accessRetention);
            }
        }

        /** With the access topic's retention at {@link #ACCESS_RETENTION}. */
        public Settings(int partitions, short replicationFactor, int minInSyncReplicas,
                        Duration personalDataRetention) {
            this(partitions, replicationFactor, minInSyncReplicas, personalDataRetention, ACCESS_RETENTION);
        }

        /** One broker (the local stack, compose): one replica of everything. */
        public static Settings singleBroker() {
            return new Settings(PARTITIONS, (short) 1, 1, PERSONAL_DATA_RETENTION);
        }

        /** A cluster of three or more brokers: a record survives the loss of a broker, and is written to two. */
        public static Settings cluster() {
            return new Settings(PARTITIONS, (short) 3, 2, PERSONAL_DATA_RETENTION);
        }

        public Settings withPersonalDataRetention(Duration retention) {
            return new Settings(partitions, replicationFactor, minInSyncReplicas, retention, accessRetention);
        }

        public Settings withAccessRetention(Duration retention) {
            return new Settings(partitions, replicationFactor, minInSyncReplicas, personalDataRetention, retention);
        }
    }

    /** Every topic to create, each followed by its dead-letter topic. */
    public static List<TopicDeclaration> of(Settings settings) {
        List<TopicDeclaration> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            boolean personalData = carriesPersonalData(topic);
            Duration retention = topic.equals(Topics.PERSONAL_DATA_ACCESS) ? settings.accessRetention()
                    : settings.personalDataRetention();
            Map<String, String> configs = common(settings);
            if (topic.equals(Topics.SEAT_AVAILABILITY) || topic.equals(Topics.PERSONAL_DATA_EXPIRATIONS)) {
                // Only the latest value per event matters; compaction keeps it (the form's seats, the mark that the
                // event's people are to be forgotten, for a service that comes back late) forever.
                configs.put(CLEANUP_POLICY, "compact");
            } else if (personalData) {
                forgets(configs, retention);
            }
            topics.add(new TopicDeclaration(topic.name(), settings.partitions(), settings.replicationFactor(), configs));

            // A dead letter is the whole poison record: personal data wherever its source topic has it.
            Map<String, String> deadLetters = common(settings);
            if (personalData) {
                forgets(deadLetters, retention);
            }
            topics.add(new TopicDeclaration(topic.deadLetterName(), settings.partitions(),
                    settings.replicationFactor(), deadLetters));
        }
        return List.copyOf(topics);
    }

    /**
     * Whether records of the topic (and so of its dead-letter topic) can hold personal data, directly (names,
     * emails) or linked (a registration id): docs/personal-data.md, "Kafka topics". Only seat counts and the events
     * whose retention is over do not.
     */
    public static boolean carriesPersonalData(Topic<?> topic) {
        return !topic.equals(Topics.SEAT_AVAILABILITY) && !topic.equals(Topics.PERSONAL_DATA_EXPIRATIONS);
    }

    /**
     * How long a record of a topic with personal data can stay: retention only deletes a segment whose newest record
     * is older than {@code retention.ms}, and the segment a busy topic writes to keeps getting newer records until
     * it rolls, which it does at the first write {@code segment.ms} after its first record. A record is therefore
     * gone within {@code retention.ms} + {@code segment.ms} (decision 0048): a seventh of the retention, one day at the
     * default 7 days, keeps the bound at 8 days for a few files per partition a week.
     */
    public static Duration segmentOf(Duration retention) {
        return Duration.ofMillis(Math.max(1, retention.toMillis() / 7));
    }

    /**
     * The topic configuration of a compacted changelog whose records hold linked personal data until a later record
     * of the same key rewrites them without it (the capacity state's email digests, decision 0048): compaction never
     * touches the segment being written, so {@code max.compaction.lag.ms} makes the broker roll it at the first write
     * {@code retention} after its first record and compact it then, and the old value is gone within the personal
     * data topics' own bound.
     */
    public static Map<String, String> forgettingChangelog(Duration retention) {
        return Map.of(MAX_COMPACTION_LAG_MS, Long.toString(retention.toMillis()));
    }

    private static void forgets(Map<String, String> configs, Duration retention) {
        configs.put(RETENTION_MS, Long.toString(retention.toMillis()));
        configs.put(SEGMENT_MS, Long.toString(segmentOf(retention).toMillis()));
    }

    private static Map<String, String> common(Settings settings) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (settings.minInSyncReplicas() > 0) {
            configs.put(MIN_INSYNC_REPLICAS, Integer.toString(settings.minInSyncReplicas()));
        }
        return configs;
    }
}
