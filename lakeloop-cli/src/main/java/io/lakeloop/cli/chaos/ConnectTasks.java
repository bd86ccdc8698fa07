package io.lakeloop.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the connectors' tasks run, from the Connect REST API of any live worker ({@code GET /connectors/<name>/status}
 * names each task's state and worker): which worker to kill, and when its tasks run on the survivors.
 */
final class ConnectTasks {

    /** One task: its connector, number, state and the worker ({@code host:port}) running it. */
    record Task(String connector, int id, String state, String worker) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** Every task of {@code connectors}, asked of the first worker in {@code urls} that answers; empty if none does. */
    Optional<List<Task>> tasks(List<String> urls, List<String> connectors) {
        for (String url : urls) {
            Optional<List<Task>> tasks = tasksFrom(url, connectors);
            if (tasks.isPresent()) {
                return tasks;
            }
        }
        return Optional.empty();
    }

    private Optional<List<Task>> tasksFrom(String url, List<String> connectors) {
        List<Task> tasks = new ArrayList<>();
        for (String connector : connectors) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(url + "/connectors/" + connector + "/status"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return Optional.empty();
                }
                JsonNode tree = RecordValues.JSON.readTree(response.body());
                for (JsonNode task : tree.path("tasks")) {
                    tasks.add(new Task(connector, task.path("id").asInt(), task.path("state").asText(),
                            task.path("worker_id").asText()));
                }
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.of(tasks);
    }

    /** The worker running the most tasks (ties: the last in {@code workers}), as {@code host:port}. */
    static String busiest(List<Task> tasks, List<String> workers) {
        Map<String, Integer> load = new HashMap<>();
        tasks.forEach(t -> load.merge(t.worker(), 1, Integer::sum));
        String best = workers.get(workers.size() - 1);
        for (String worker : workers) {
            if (load.getOrDefault(worker, 0) > load.getOrDefault(best, 0)) {
                best = worker;
            }
        }
        return best;
    }

    /** True when every task runs, none of them on {@code gone}. */
    static boolean allRunningWithout(List<Task> tasks, String gone) {
        return !tasks.isEmpty() && tasks.stream().allMatch(t -> "RUNNING".equals(t.state())
                && !t.worker().equals(gone));
    }

    /** True when every task runs. */
    static boolean allRunning(List<Task> tasks) {
        return allRunningWithout(tasks, "");
    }
}
