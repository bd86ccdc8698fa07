package io.lakeloop.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The stack's topics, created once (idempotent: existing topics are left as they are). */
final class Topics {

    static final String INTERACTIONS = "interactions";
    static final String LAKE_INTERACTIONS = "lake.interactions";
    static final String INTERACTIONS_DLQ = "interactions.dlq";
    static final String ITEMS = "items";
    static final String USERS = "users";

    /** name → partitions. Three partitions let the demo show parallel tasks and Streams threads. */
    static final Map<String, Integer> ALL = Map.of(INTERACTIONS, 3, LAKE_INTERACTIONS, 3, INTERACTIONS_DLQ, 1,
            ITEMS, 1, USERS, 1);

    private Topics() {
    }

    static Properties adminProperties(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "lakeloop-cli");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        return props;
    }

    /** Creates the missing topics; returns the names it created. */
    static List<String> ensure(String bootstrap, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            ALL.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            });
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return missing.stream().map(NewTopic::name).sorted().toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("Cannot create the stack's topics on " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while creating topics", e);
        }
    }
}
