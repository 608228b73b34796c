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
    /** The option that lets the agent register its hook. */
    static final String EXPORTS = "--add-exports=java.base/jdk.internal.access=ALL-UNNAMED";

    private ExitAgent() {}

    /** The agent's argument that names where to write the list of loaded classes at exit: {@code classes=FILE}. */
    static final String CLASSES = "classes=";

    public static void premain(String args, Instrumentation instrumentation) {
        install(args, instrumentation);
    }

    public static void premain(String args) {
        install(args, null);
    }

    static void install(String args, Instrumentation instrumentation) {
        String list = args != null && args.startsWith(CLASSES) ? args.substring(CLASSES.length()) : null;
        try {
            Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
            Object access = secrets.getMethod("getJavaLangAccess").invoke(null);
            Method register = Class.forName("jdk.internal.access.JavaLangAccess")
                    .getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class);
            register.invoke(access, 9, false, (Runnable) () -> {
                if (list != null && instrumentation != null) {
                    writeLoadedClasses(instrumentation, list);
                }
                System.out.flush();
                System.err.println(MARKER);
                System.err.flush();
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not allowed here: the JVM exits as it always does
        }
    }

    /**
     * Writes the names of the loaded classes that a JVM started ahead may load again ({@link
     * Prestart}): those of the JDK and of jars, not lambdas, hidden classes or arrays.
     */
    private static void writeLoadedClasses(Instrumentation instrumentation, String file) {
        try {
            StringBuilder names = new StringBuilder();
            for (Class<?> c : instrumentation.getAllLoadedClasses()) {
                if (c.isArray() || c.isHidden() || c.isPrimitive() || c.getName().contains("$$Lambda")) {
                    continue;
                }
                names.append(c.getName()).append('\n');
            }
            java.nio.file.Path target = java.nio.file.Path.of(file);
            java.nio.file.Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            java.nio.file.Files.writeString(tmp, names);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException | RuntimeException e) {
            // no list: the next JVM started ahead loads nothing ahead
        }
    }
}
