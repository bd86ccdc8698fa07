package io.lakeloop.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's ports. The defaults are documented in {@code docs/operations.md} and printed by {@code up}; each
 * can be changed with an option of {@code lakeloop up} / {@code demo} ({@link StackOptions}).
 */
public record Ports(int kafka, int controller, int connect, int s3, int emulator, int collator) {

    public static final int DEFAULT_KAFKA = 9092;
    public static final int DEFAULT_CONTROLLER = 9093;
    public static final int DEFAULT_CONNECT = 8083;
    public static final int DEFAULT_S3 = 9000;
    public static final int DEFAULT_EMULATOR = 8089;
    public static final int DEFAULT_COLLATOR = 8090;

    public Ports {
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("kafka", kafka);
        all.put("controller", controller);
        all.put("connect", connect);
        all.put("s3", s3);
        all.put("emulator", emulator);
        all.put("collator", collator);
        for (Map.Entry<String, Integer> e : all.entrySet()) {
            if (e.getValue() < 1 || e.getValue() > 65535) {
                throw new IllegalArgumentException("The " + e.getKey() + " port must be 1..65535, not " + e.getValue());
            }
        }
        if (all.values().stream().distinct().count() != all.size()) {
            throw new IllegalArgumentException("Every port of the stack must be different: " + all);
        }
    }

    public static Ports defaults() {
        return new Ports(DEFAULT_KAFKA, DEFAULT_CONTROLLER, DEFAULT_CONNECT, DEFAULT_S3, DEFAULT_EMULATOR,
                DEFAULT_COLLATOR);
    }

    /** Port per service name, in start order (the names used in messages, pid files and logs). */
    public Map<String, Integer> byService() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("broker", kafka);
        map.put("broker controller", controller);
        map.put("s3proxy", s3);
        map.put("emulator", emulator);
        map.put("connect", connect);
        map.put("collator", collator);
        return map;
    }
}
