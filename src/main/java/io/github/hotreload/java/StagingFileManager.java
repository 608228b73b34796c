package io.github.hotreload.java;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Keeps what javac and annotation processors write in memory, as {@link StagedFile}s that know
 * the source they came from. Holding them back keeps a failed compile from touching the output
 * directory; knowing their source tells which class files a source produced, so that stale ones
 * (a nested class removed, a source deleted) can be removed.
 *
 * <p>Reading goes to the standard file manager, which stays open and warm between compiles.
 */
final class StagingFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {

    private final Path classOutput;
    private final Path sourceOutput;
    private final Charset charset;
    private final List<StagedFile> staged = new ArrayList<>();

    /**
     * @param standard the warm standard file manager that reads sources and the class path
     * @param classOutput the output directory the staged class files are meant for
     * @param sourceOutput where generated sources are meant for
     * @param charset the encoding of generated sources
     */
    StagingFileManager(StandardJavaFileManager standard, Path classOutput, Path sourceOutput, Charset charset) {
        super(standard);
        this.classOutput = classOutput;
        this.sourceOutput = sourceOutput;
        this.charset = charset;
    }

    /** What was written since this manager was made, in order. */
    synchronized List<StagedFile> staged() {
        return List.copyOf(staged);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
            FileObject sibling) {
        Path dir = directory(location);
        if (dir == null) {
            throw new IllegalArgumentException("not an output location: " + location);
        }
        Path target = dir.resolve(className.replace('.', '/') + kind.extension);
        return stage(new StagedFile(target, origin(sibling), className, kind, charset));
    }

    @Override
    public FileObject getFileForOutput(Location location, String packageName, String relativeName,
            FileObject sibling) {
        Path dir = directory(location);
        if (dir == null) {
            throw new IllegalArgumentException("not an output location: " + location);
        }
        Path packageDir = packageName.isEmpty() ? dir : dir.resolve(packageName.replace('.', '/'));
        Path target = packageDir.resolve(relativeName);
        return stage(new StagedFile(target, origin(sibling), null, JavaFileObject.Kind.OTHER, charset));
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof StagedFile || b instanceof StagedFile) {
            return a.toUri().equals(b.toUri());
        }
        return super.isSameFile(a, b);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof StagedFile stagedFile) {
            return stagedFile.binaryName();
        }
        return super.inferBinaryName(location, file);
    }

    private synchronized StagedFile stage(StagedFile file) {
        // A file written twice (a processor's resource rewritten) counts once, the last time.
        staged.removeIf(old -> old.target().equals(file.target()));
        staged.add(file);
        return file;
    }

    private Path directory(JavaFileManager.Location location) {
        if (location == StandardLocation.CLASS_OUTPUT) {
            return classOutput;
        }
        if (location == StandardLocation.SOURCE_OUTPUT) {
            return sourceOutput;
        }
        return null;
    }

    private static Path origin(FileObject sibling) {
        if (sibling == null || sibling instanceof StagedFile) {
            return null;
        }
        try {
            return Path.of(sibling.toUri()).toAbsolutePath().normalize();
        } catch (RuntimeException notAFile) {
            return null;
        }
    }
}
