package io.lakeloop.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** A group of {@code /_emulator} endpoints kept in its own class; {@link AdminHandler} asks each in turn. */
interface AdminRoutes {

    /**
     * Answers the call and returns true when {@code method path} (path without the {@code /_emulator} prefix) is
     * one of these endpoints; an {@link IllegalArgumentException} becomes a 400.
     */
    boolean route(HttpExchange exchange, String method, String path) throws IOException;
}
