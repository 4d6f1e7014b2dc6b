package org.rushreg.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.rushreg.localstack.postgres.Database;

/**
 * Looks for texts everywhere a running local stack keeps data of its own: every row of every table of every
 * PostgreSQL database, every record of every topic (internal ones, dead letters and Kafka Streams changelogs
 * included) read from the beginning with its key, value and headers, every line of the services' logs, every line
 * of each service's Prometheus scrape, and the files of the capacity-service's state folder (its state is in memory
 * and in its changelog topics; it offers no HTTP view of it beyond health and the scrape). Each text is compared
 * without regard to case; each hit names its place (table, topic with partition and offset, file with line).
 *
 * <p>Not searched: the inbox (it stands for the people's own mailboxes), and the files underneath Kafka and
 * PostgreSQL (a deleted segment waits a minute before its file goes; a cleared row waits for vacuum): what the
 * system can still read is what is searched.
 */
final class StackSearch {

    /**
     * A text to look for.
     *
     * @param what   what it is, for the answer ("the erased person's marker")
     * @param text   the text itself
     * @param keptIn places where it is kept on purpose (prefixes of a hit's place, e.g. {@code table
     *               registration.public.erasures})
     */
    record Needle(String what, String text, List<String> keptIn) {

        Needle(String what, String text) {
            this(what, text, List.of());
        }
    }

    private static final Duration TOPIC_READ = Duration.ofSeconds(60);

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StackSearch(LocalStack stack) {
        this.stack = stack;
    }

    /** Where the needles are, each answer "{what} in {place}: {excerpt}"; empty when nowhere. */
    List<String> find(List<Needle> needles) throws Exception {
        List<String> found = new ArrayList<>();
        Look look = (place, text) -> {
            String lower = text.toLowerCase(Locale.ROOT);
            for (Needle needle : needles) {
                int at = lower.indexOf(needle.text().toLowerCase(Locale.ROOT));
                if (at >= 0 && needle.keptIn().stream().noneMatch(place::startsWith)) {
                    found.add(needle.what() + " in " + place + ": " + excerpt(text, at, needle.text().length()));
                }
            }
        };
        tables(look);
        topics(look);
        files(stack.settings().dataDir().resolve("logs"), "log", look);
        files(stack.settings().dataDir().resolve("capacity-state"), "capacity state file", look);
        scrapes(look);
        return found;
    }

    private interface Look {
        void at(String place, String text);
    }

    private void tables(Look look) throws Exception {
        List<String> databases = new ArrayList<>();
        try (Connection postgres = connect("postgres"); Statement statement = postgres.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select datname from pg_database where datallowconn and not datistemplate")) {
            while (rows.next()) {
                databases.add(rows.getString(1));
            }
        }
        for (String database : databases) {
            try (Connection connection = connect(database)) {
                List<String> tables = new ArrayList<>();
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                        select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
                        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')""")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("select t::text from " + table + " t")) {
                        while (rows.next()) {
                            look.at("table " + database + "." + table, rows.getString(1));
                        }
                    }
                }
            }
        }
    }

    private Connection connect(String database) throws Exception {
        return DriverManager.getConnection(stack.settings().jdbcUrl(database), Database.USERNAME, Database.PASSWORD);
    }

    /** Every partition of every topic, from its first record still there to its end. */
    private void topics(Look look) throws Exception {
        String bootstrap = stack.settings().kafkaBootstrapServers();
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS);
            for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // uncommitted included: an aborted transaction's records are on the broker too
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TOPIC_READ.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics could not be read to their ends within " + TOPIC_READ);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String place = "topic " + record.topic() + "-" + record.partition() + " offset " + record.offset();
                    look.at(place + " key", text(record.key()));
                    look.at(place + " value", text(record.value()));
                    for (Header header : record.headers()) {
                        look.at(place + " header " + header.key(), text(header.value()));
                    }
                }
            }
        }
    }

    private static void files(Path dir, String kind, Look look) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                List<String> lines = text(Files.readAllBytes(file)).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    look.at(kind + " " + dir.relativize(file) + " line " + (i + 1), lines.get(i));
                }
            }
        }
    }

    private void scrapes(Look look) throws Exception {
        for (ServiceInstance service : stack.instances()) {
            URI scrape = URI.create("http://localhost:" + service.managementPort() + "/actuator/prometheus");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(scrape).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(scrape + " answered " + response.statusCode());
            }
            List<String> lines = response.body().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                look.at("metrics of " + service.name() + " line " + (i + 1), lines.get(i));
            }
        }
    }

    /** Bytes as text: each byte one character, so a text in any ASCII-compatible encoding is found in them. */
    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String excerpt(String text, int at, int length) {
        String around = text.substring(Math.max(0, at - 40), Math.min(text.length(), at + length + 40));
        return around.replaceAll("[^\\x20-\\x7e]", "·");
    }
}
