package io.lakeloop.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What one logger (and its children) writes at INFO and above in this JVM, through the real slf4j → log4j2 path: a
 * Connect worker started by {@link ConnectClusterExtension} runs its tasks here, so a test reads their log lines as an
 * operator would read the worker's log. The messages still reach the usual appenders.
 * <pre>try (LogCapture log = LogCapture.of("io.lakeloop.metrics")) { … log.messages() … }</pre>
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final String logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(String logger) {
        super("capture-" + logger, null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    /** Starts capturing what {@code logger} writes at INFO and above. */
    public static LogCapture of(String logger) {
        LogCapture appender = new LogCapture(logger);
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig loggerConfig = new LoggerConfig(logger, Level.INFO, true);
        loggerConfig.addAppender(appender, Level.INFO, null);
        config.addLogger(logger, loggerConfig);
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    /** The formatted messages so far, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(logger);
        context.updateLoggers();
        stop();
    }
}
