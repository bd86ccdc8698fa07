package io.lakeloop.metrics;

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

/** What a logger wrote at INFO and above, through the real slf4j → log4j2 path. */
final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final String logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog(String logger) {
        super("captured-" + logger, null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    static CapturedLog of(String logger) {
        CapturedLog appender = new CapturedLog(logger);
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig loggerConfig = new LoggerConfig(logger, Level.INFO, false);
        loggerConfig.addAppender(appender, Level.INFO, null);
        config.addLogger(logger, loggerConfig);
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    List<String> messages() {
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
