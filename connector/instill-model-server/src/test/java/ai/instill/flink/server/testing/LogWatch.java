package ai.instill.flink.server.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * A test helper that proves secrets stay out of the logs: it records every Log4j 2 event at DEBUG
 * and above (in place of the root logger's appenders) and keeps the ones whose message or stack
 * trace contains one of the secrets. The connector's own gRPC client frame logger is included (the
 * connector keeps it quiet); only a gRPC server's frame logger, which prints the headers it
 * receives at DEBUG, stays at INFO, since it is not the client's. Needs log4j-core on the class
 * path.
 */
public final class LogWatch extends AbstractAppender {
    /**
     * The HTTP/2 frame logger of the in-JVM test server, which prints the headers it receives at
     * DEBUG.
     */
    public static final List<String> FRAME_LOGGERS =
            List.of("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler");

    private final List<String> secrets;
    private final AtomicLong events = new AtomicLong();
    private final List<String> leaks = Collections.synchronizedList(new ArrayList<>());
    private Level previousLevel;
    private Map<String, Appender> previousAppenders;

    private LogWatch(List<String> secrets) {
        super("token-watch", null, null, true, Property.EMPTY_ARRAY);
        this.secrets = List.copyOf(secrets);
    }

    /**
     * Replaces the root logger's appenders by this one, at DEBUG, watching for any of the secrets.
     */
    public static LogWatch attach(String... secrets) {
        LogWatch watch = new LogWatch(List.of(secrets));
        watch.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        watch.previousLevel = root.getLevel();
        watch.previousAppenders = Map.copyOf(root.getAppenders());
        watch.previousAppenders.keySet().forEach(root::removeAppender);
        root.addAppender(watch, Level.DEBUG, null);
        root.setLevel(Level.DEBUG);
        for (String frames : FRAME_LOGGERS) {
            config.addLogger(frames, new LoggerConfig(frames, Level.INFO, true));
        }
        context.updateLoggers();
        return watch;
    }

    public void detach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        FRAME_LOGGERS.forEach(config::removeLogger);
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(getName());
        previousAppenders.values().forEach(a -> root.addAppender(a, null, null));
        root.setLevel(previousLevel);
        context.updateLoggers();
        stop();
    }

    @Override
    public void append(LogEvent event) {
        events.incrementAndGet();
        StringBuilder text = new StringBuilder(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        for (String secret : secrets) {
            if (text.indexOf(secret) >= 0) {
                leaks.add(event.getLoggerName() + ": " + text);
            }
        }
    }

    public long events() {
        return events.get();
    }

    public List<String> leaks() {
        return List.copyOf(leaks);
    }
}
