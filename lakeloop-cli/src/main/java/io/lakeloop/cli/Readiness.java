package io.lakeloop.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** How the supervisor knows a started service is ready: a check that is cheap, side-effect free and never throws. */
@FunctionalInterface
public interface Readiness {

    boolean ready();

    /** Ready when something accepts TCP connections on {@code host:port}. */
    static Readiness port(String host, int port) {
        return () -> isListening(host, port);
    }

    /** Ready when {@code GET url} answers 2xx. */
    static Readiness http(String url) {
        return () -> httpStatus(url) / 100 == 2;
    }

    static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status of {@code GET url}, or -1 when nothing answers. */
    static int httpStatus(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
