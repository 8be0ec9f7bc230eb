package ai.instill.flink.client;

import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLogLevel;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLogger;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Keeps gRPC's client-side HTTP/2 frame logger quiet below INFO: at DEBUG it prints every header on
 * the wire, the {@code authorization} header with the API token included. Installed once, before
 * the first channel is built; other loggers of gRPC's shaded Netty are untouched.
 */
final class FrameLogGuard {
    private static boolean installed;

    private FrameLogGuard() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        InternalLoggerFactory previous = InternalLoggerFactory.getDefaultFactory();
        Method newInstance;
        try {
            newInstance =
                    InternalLoggerFactory.class.getDeclaredMethod("newInstance", String.class);
            newInstance.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot guard gRPC's frame logger", e);
        }
        InternalLoggerFactory.setDefaultFactory(
                new InternalLoggerFactory() {
                    @Override
                    protected InternalLogger newInstance(String name) {
                        InternalLogger logger;
                        try {
                            logger = (InternalLogger) newInstance.invoke(previous, name);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                        return name.endsWith(".NettyClientHandler")
                                ? quietBelowInfo(logger)
                                : logger;
                    }
                });
        installed = true;
    }

    /** A logger that drops TRACE and DEBUG and passes everything else on. */
    static InternalLogger quietBelowInfo(InternalLogger delegate) {
        return (InternalLogger)
                Proxy.newProxyInstance(
                        InternalLogger.class.getClassLoader(),
                        new Class<?>[] {InternalLogger.class},
                        (proxy, method, args) -> {
                            String name = method.getName();
                            boolean verbose =
                                    name.startsWith("trace")
                                            || name.startsWith("debug")
                                            || name.equals("isTraceEnabled")
                                            || name.equals("isDebugEnabled")
                                            || ((name.equals("log") || name.equals("isEnabled"))
                                                    && (args[0] == InternalLogLevel.TRACE
                                                            || args[0] == InternalLogLevel.DEBUG));
                            if (verbose) {
                                return method.getReturnType() == boolean.class
                                        ? Boolean.FALSE
                                        : null;
                            }
                            try {
                                return method.invoke(delegate, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }
}
