package io.lakeloop.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A plain-HTTP TCP proxy in front of a real server (s3proxy) that forwards every request and, for the first
 * {@code drops} requests whose request line matches, lets the server handle the request and then closes the client's
 * connection instead of passing the response on: the request took effect, its answer was lost — a real fault on
 * the wire, not a mock. HTTP/1.1 keep-alive is followed by reading each request's head and Content-Length body.
 */
final class ResponseDroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;
    private final Predicate<String> requestLine;
    private final AtomicInteger drops;
    private final AtomicInteger dropped = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "response-dropping-proxy");
        t.setDaemon(true);
        return t;
    });

    ResponseDroppingProxy(URI target, Predicate<String> requestLine, int drops) throws IOException {
        this.target = target;
        this.requestLine = requestLine;
        this.drops = new AtomicInteger(drops);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Responses dropped so far. */
    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                Connection c = new Connection(client, upstream);
                threads.execute(c::requests);
                threads.execute(c::responses);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean dropNextResponse;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void requests() {
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                while (true) {
                    byte[] head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    String text = new String(head, StandardCharsets.ISO_8859_1);
                    String line = text.substring(0, text.indexOf("\r\n"));
                    if (requestLine.test(line) && drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        dropNextResponse = true;
                    }
                    out.write(head);
                    out.flush();
                    long length = contentLength(text);
                    for (long left = length; left > 0; ) {
                        byte[] buf = in.readNBytes((int) Math.min(left, 64 * 1024));
                        if (buf.length == 0) {
                            return;
                        }
                        out.write(buf);
                        left -= buf.length;
                    }
                    out.flush();
                }
            } catch (IOException e) {
                closeBoth();
            }
        }

        void responses() {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    boolean interim = n >= 12 && new String(buf, 0, 12, StandardCharsets.ISO_8859_1).endsWith("100");
                    if (dropNextResponse && !interim) {
                        dropped.incrementAndGet();
                        closeBoth(); // the server did the work; the client never hears of it
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
                upstream.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** The request line and headers up to the blank line, or null at the end of the connection. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static long contentLength(String head) {
        for (String h : head.split("\r\n")) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(h.substring(h.indexOf(':') + 1).trim());
            }
            if (h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
                throw new IllegalStateException("chunked request bodies are not followed by this proxy");
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
