package io.github.hotreload.java;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import javax.tools.SimpleJavaFileObject;

/**
 * A file javac wrote, held in memory until the whole compile has succeeded: a failed compile
 * then leaves the output directory as it was, and the running service keeps loading classes
 * that match each other.
 */
final class StagedFile extends SimpleJavaFileObject {

    private final Path target;
    private final Path origin;
    private final String binaryName;
    private final Charset charset;
    private volatile byte[] content = new byte[0];

    /**
     * @param target where the file goes once the compile succeeded
     * @param origin the source file it was compiled from, or {@code null} when it came from an
     *     annotation processor or from a generated source
     * @param binaryName the class name for class and source files, else {@code null}
     * @param kind the kind of file
     * @param charset how text written to it is encoded (generated sources)
     */
    StagedFile(Path target, Path origin, String binaryName, Kind kind, Charset charset) {
        super(target.toUri(), kind);
        this.target = target;
        this.origin = origin;
        this.binaryName = binaryName;
        this.charset = charset;
    }

    Path target() {
        return target;
    }

    Path origin() {
        return origin;
    }

    String binaryName() {
        return binaryName;
    }

    byte[] content() {
        return content;
    }

    @Override
    public OutputStream openOutputStream() {
        return new ByteArrayOutputStream() {
            @Override
            public void close() {
                content = toByteArray();
            }
        };
    }

    @Override
    public Writer openWriter() {
        return new OutputStreamWriter(openOutputStream(), charset);
    }

    @Override
    public InputStream openInputStream() {
        return new ByteArrayInputStream(content);
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return new String(content, charset);
    }
}
