package io.github.hotreload.process;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * A Java agent for the JVMs the plugin starts: once every shutdown hook of the application has
 * run, it prints {@link #MARKER}, and the supervisor, which is stopping that JVM, kills it at
 * once. Without it, a JVM with a thread blocked in native code (an HTTP server's selector, an
 * accept) waits 300 ms more before it exits (HotSpot's {@code wait_for_threads_in_native_to_block}),
 * which would be most of a Java service's restart. The application's own shutdown is untouched.
 *
 * <p>It registers a JDK system shutdown hook in the last slot, which runs after the slot of the
 * application's hooks; that needs {@code --add-exports java.base/jdk.internal.access=ALL-UNNAMED}.
 * Where that is refused, it does nothing and the JVM exits as it always does.
 */
public final class ExitAgent {

    /** The line the agent prints when the application's shutdown hooks are done. */
    public static final String MARKER = "hotreload-exit-hooks-done-5f0c1e";
    /** The options that load the agent from {@code jar}. */
    static final String EXPORTS = "--add-exports=java.base/jdk.internal.access=ALL-UNNAMED";

    private ExitAgent() {}

    public static void premain(String args, Instrumentation instrumentation) {
        install();
    }

    public static void premain(String args) {
        install();
    }

    static void install() {
        try {
            Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
            Object access = secrets.getMethod("getJavaLangAccess").invoke(null);
            Method register = Class.forName("jdk.internal.access.JavaLangAccess")
                    .getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class);
            register.invoke(access, 9, false, (Runnable) () -> {
                System.out.flush();
                System.err.println(MARKER);
                System.err.flush();
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not allowed here: the JVM exits as it always does
        }
    }
}
