package io.lakeloop.event;

import java.util.Objects;

/** Thrown where a single rejection ends the work (e.g. timestamp parsing); carries the {@link Rejection}. */
public final class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    public InvalidEventException(Rejection rejection) {
        super(Objects.requireNonNull(rejection, "rejection").toString(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
