package io.lakeloop.deploy;

/** Reads stages out of docker/Dockerfile. */
final class Dockerfiles {

    private Dockerfiles() {
    }

    /** The lines of the stage {@code FROM … AS name}, up to the next FROM. */
    static String stage(String dockerfile, String name) {
        int start = dockerfile.indexOf(" AS " + name + "\n");
        if (start < 0) {
            throw new AssertionError("docker/Dockerfile has no stage " + name);
        }
        int end = dockerfile.indexOf("\nFROM ", start);
        return dockerfile.substring(start, end < 0 ? dockerfile.length() : end);
    }
}
