package io.lakeloop.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code lakeloop deploy --json} prints: {@code status} ({@code DEPLOYED}, {@code DRY_RUN} or {@code FAILED}),
 * {@code exitCode} (0, or 1 when failed), {@code connectUrl}, {@code connectors} (each {@code name}, {@code state}
 * and {@code tasks} as Connect reports them — {@code RUNNING}, {@code FAILED}, {@code PAUSED}…, or {@code ABSENT} when
 * the cluster does not have it and {@code UNKNOWN} when Connect did not answer; null and empty in a dry run — and
 * {@code config}, secrets masked) and, when failed, {@code error}.
 */
final class DeployReport {

    static final int FAILED = 1;

    private final String connectUrl;
    private final boolean dryRun;
    private final Map<String, Map<String, Object>> connectors = new LinkedHashMap<>();
    private String error;

    DeployReport(String connectUrl, boolean dryRun) {
        this.connectUrl = Objects.requireNonNull(connectUrl, "connectUrl");
        this.dryRun = dryRun;
    }

    void add(String name, Map<String, String> maskedConfig) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("state", null);
        c.put("tasks", List.of());
        c.put("config", maskedConfig);
        connectors.put(name, c);
    }

    void state(String name, ConnectorDeployer.Status status) {
        Map<String, Object> c = connectors.get(name);
        c.put("state", status.connectorState());
        c.put("tasks", new ArrayList<>(status.taskStates()));
    }

    /** Records the failure and, where Connect answers, the state each connector was left in. */
    void failed(String message, ConnectorDeployer deployer) {
        this.error = message;
        if (dryRun) {
            return;
        }
        for (String name : connectors.keySet()) {
            try {
                state(name, deployer.status(name));
            } catch (StackException unreadable) {
                state(name, new ConnectorDeployer.Status("UNKNOWN", List.of(), ""));
            }
        }
    }

    int exitCode() {
        return error == null ? 0 : FAILED;
    }

    Map<String, Object> json() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", error != null ? "FAILED" : dryRun ? "DRY_RUN" : "DEPLOYED");
        o.put("exitCode", exitCode());
        o.put("connectUrl", connectUrl);
        o.put("connectors", new ArrayList<>(connectors.values()));
        if (error != null) {
            o.put("error", error);
        }
        return o;
    }
}
