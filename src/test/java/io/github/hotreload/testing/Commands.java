package io.github.hotreload.testing;

import io.github.hotreload.process.ShellCommand;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Commands and network helpers for tests that run real processes. */
public final class Commands {

    private Commands() {}

    /** A shell command that runs {@code main} in a new JVM with the test class path. */
    public static String java(Class<?> main, String... args) {
        StringBuilder sb = new StringBuilder();
        sb.append(ShellCommand.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
                .append(" -XX:TieredStopAtLevel=1 -Xshare:auto -XX:+UseSerialGC -Xmx32m -cp ")
                .append(ShellCommand.quote(System.getProperty("java.class.path")))
                .append(' ')
                .append(main.getName());
        for (String a : args) {
            sb.append(' ').append(ShellCommand.quote(a));
        }
        return sb.toString();
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of a GET, or null when nothing answers. */
    public static String get(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL()
                    .openConnection(java.net.Proxy.NO_PROXY);
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether something accepts connections on the port. */
    public static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
