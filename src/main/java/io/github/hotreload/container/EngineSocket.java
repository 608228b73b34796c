package io.github.hotreload.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The Docker engine's API on its Unix socket, for the steps of a reload that sit between the
 * build and the new process: stopping the container, and putting a file or a link into it. Each
 * is one HTTP request, where the docker command would first start a program. Used only when the
 * docker command's endpoint is a Unix socket (an engine on this machine, which also sees this
 * machine's files); everything else goes through the command.
 */
public final class EngineSocket {

    private final Path socket;

    private EngineSocket(Path socket) {
        this.socket = socket;
    }

    /** The API at {@code endpoint} (as {@code docker context inspect} prints it), or null when it is not a Unix socket. */
    public static EngineSocket of(String endpoint) {
        if (endpoint == null || !endpoint.startsWith("unix://")) {
            return null;
        }
        Path path = Path.of(endpoint.substring("unix://".length()));
        return Files.exists(path) ? new EngineSocket(path) : null;
    }

    /** A response: its status and body. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Stops the container: its stop signal, up to {@code seconds}, then SIGKILL. A container that
     * is not running counts as stopped.
     */
    public Response stop(String id, long seconds) throws IOException {
        Response r = request("POST", "/containers/" + id + "/stop?t=" + seconds, null, null,
                Duration.ofSeconds(seconds + 20));
        return r.status() == 304 ? new Response(204, "") : r;
    }

    /**
     * Whether the file at {@code path} in the container is a script ({@code #!}); false when it
     * is not there, or is anything else.
     */
    public boolean isScript(String id, String path) throws IOException {
        byte[] tar = bodyStart("/containers/" + id + "/archive?path=" + encode(path), 1024);
        // the first entry's content follows its 512-byte header; a link has none
        return tar != null && tar.length > 514 && tar[156] == '0' && tar[512] == '#' && tar[513] == '!';
    }

    /**
     * The first {@code limit} bytes (or fewer) of the body of a GET that succeeds, without
     * reading the rest (an archive of a large binary); null when it fails.
     */
    private byte[] bodyStart(String path, int limit) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            var deadline = closeAfter(channel, Duration.ofSeconds(30));
            try {
                return bodyStart(channel, path, limit);
            } finally {
                deadline.cancel(false);
            }
        }
    }

    private byte[] bodyStart(SocketChannel channel, String path, int limit) throws IOException {
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        java.io.InputStream in = Channels.newInputStream(channel);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            got.write(buffer, 0, n);
            String text = got.toString(StandardCharsets.ISO_8859_1);
            headEnd = text.indexOf("\r\n\r\n");
            if (headEnd >= 0 && got.size() >= headEnd + 4 + limit + 16) {
                break;
            }
        }
        String text = got.toString(StandardCharsets.ISO_8859_1);
        if (headEnd < 0 || !text.startsWith("HTTP/1.") || !text.split(" ")[1].startsWith("2")) {
            return null;
        }
        byte[] all = got.toByteArray();
        int start = headEnd + 4;
        if (text.substring(0, headEnd).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            int eol = text.indexOf("\r\n", start);
            start = eol < 0 ? all.length : eol + 2; // the first chunk's size line
        }
        return java.util.Arrays.copyOfRange(all, Math.min(start, all.length), Math.min(all.length, start + limit));
    }

    /** Makes {@code at} (an absolute path in the container) a symbolic link to {@code target}, replacing what is there. */
    public Response link(String id, String at, String target) throws IOException {
        int slash = at.lastIndexOf('/');
        String directory = slash <= 0 ? "/" : at.substring(0, slash);
        byte[] tar = symlinkTar(at.substring(slash + 1), target);
        return request("PUT", "/containers/" + id + "/archive?path=" + encode(directory), "application/x-tar", tar,
                Duration.ofSeconds(60));
    }

    /** A tar archive of one regular file owned by root. */
    static byte[] tar(String name, byte[] content, int mode, long mtime) {
        byte[] header = header(name, '0', content.length, mode, mtime, null);
        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    /** A tar archive of one symbolic link. */
    static byte[] symlinkTar(String name, String target) {
        byte[] header = header(name, '2', 0, 0777, System.currentTimeMillis() / 1000, target);
        byte[] tar = new byte[512 + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        return tar;
    }

    private static byte[] header(String name, char type, long size, int mode, long mtime, String link) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link == null ? new byte[0] : link.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 99 || linkBytes.length > 99) {
            throw new IllegalArgumentException("a path of more than 99 bytes in a tar header: " + name + " " + link);
        }
        byte[] header = new byte[512];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, mtime);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        header[156] = (byte) type;
        System.arraycopy(linkBytes, 0, header, 157, linkBytes.length);
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, header, 257, magic.length);
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String text = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - text.length())) + text;
        byte[] digits = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, header, offset, Math.min(digits.length, length - 1));
        header[offset + length - 1] = 0;
    }

    private static String encode(String path) {
        return java.net.URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    /**
     * One request, on a connection of its own; an engine that does not answer within {@code
     * timeout} gets its connection closed. An interrupt of the calling thread closes it too
     * ({@link java.nio.channels.ClosedByInterruptException}).
     */
    Response request(String method, String path, String contentType, byte[] body, Duration timeout) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            var deadline = closeAfter(channel, timeout);
            try {
                return exchange(channel, method, path, contentType, body);
            } catch (java.nio.channels.AsynchronousCloseException e) {
                if (Thread.currentThread().isInterrupted() || e instanceof java.nio.channels.ClosedByInterruptException) {
                    throw e;
                }
                throw new IOException("the Docker engine did not answer " + method + " " + path + " within "
                        + timeout.toSeconds() + " s");
            } finally {
                deadline.cancel(false);
            }
        }
    }

    /** Closes the channel after {@code timeout}, unless the returned future is cancelled first. */
    private static java.util.concurrent.CompletableFuture<Void> closeAfter(SocketChannel channel, Duration timeout) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                channel.close();
            } catch (IOException e) {
                // closed already
            }
        }, java.util.concurrent.CompletableFuture.delayedExecutor(timeout.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    private Response exchange(SocketChannel channel, String method, String path, String contentType, byte[] body)
            throws IOException {
        channel.connect(UnixDomainSocketAddress.of(socket));
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
        channel.write(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.US_ASCII)));
        if (body != null) {
            ByteBuffer b = ByteBuffer.wrap(body);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Channels.newInputStream(channel).transferTo(all);
        return parse(all.toByteArray());
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("the Docker engine answered something that is not HTTP");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (String line : lines) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                chunked = true;
            }
        }
        String body = text.substring(end + 4);
        if (chunked) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int eol = body.indexOf("\r\n", at);
                if (eol < 0) {
                    break;
                }
                int size = Integer.parseInt(body.substring(at, eol).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                joined.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
                at = eol + 2 + size + 2;
            }
            body = joined.toString();
        }
        return new Response(status, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "unix://" + socket;
    }
}
