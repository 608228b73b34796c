package io.github.hotreload.java;

import static io.github.hotreload.java.Javac.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassFinderTest {

    @TempDir
    Path dir;

    private Path compiled() throws IOException {
        Path out = dir.resolve("classes");
        Javac.compile(dir.resolve("src"), out);
        return out;
    }

    @Test
    void noMainClass() throws IOException {
        write(dir, "src/a/Plain.java", "package a; public class Plain { void main(String[] args) {} }");
        write(dir, "src/a/Wrong.java", "package a; public class Wrong { public static void main(String args) {}"
                + " public static int main(String[] args, int x) { return 0; } }");
        assertThat(MainClassFinder.find(compiled())).isEmpty();
    }

    @Test
    void oneMainClass() throws IOException {
        write(dir, "src/a/App.java", """
                package a;
                public class App {
                    static final long BIG = 1L << 40; static final double D = 2.5; // two-slot constants
                    public static void main(String[] args) { System.out.println("x" + BIG + D); }
                }""");
        write(dir, "src/a/Helper.java", "package a; class Helper { Runnable r = () -> {}; }");
        Path out = compiled();
        assertThat(MainClassFinder.find(out)).containsExactly("a.App");
        assertThat(MainClassFinder.hasMainClass(out, "a.App")).isTrue();
        assertThat(MainClassFinder.hasMainClass(out, "a.Helper")).isFalse();
        assertThat(MainClassFinder.hasMainClass(out, "a.Missing")).isFalse();
    }

    @Test
    void severalMainClassesSortedWithNestedOnesByBinaryName() throws IOException {
        write(dir, "src/z/Zed.java", "package z; public class Zed { public static void main(String... args) {} }");
        write(dir, "src/Top.java", "public class Top { public static void main(String[] args) {} }");
        write(dir, "src/a/Outer.java", """
                package a;
                public class Outer {
                    public static class Inner { public static void main(String[] args) {} }
                }""");
        write(dir, "src/a/Iface.java", "package a; public interface Iface { static void main(String[] args) {} }");
        Path out = compiled();
        assertThat(MainClassFinder.find(out)).containsExactly("Top", "a.Iface", "a.Outer$Inner", "z.Zed");
        assertThat(MainClassFinder.hasMainClass(out, "a.Outer$Inner")).isTrue();
        assertThat(MainClassFinder.hasMainClass(out, "a.Outer")).isFalse();
    }

    @Test
    void nonStaticOrNonPublicMainIsIgnored() throws IOException {
        write(dir, "src/a/Instance.java", "package a; public class Instance { public void main(String[] args) {} }");
        write(dir, "src/a/Hidden.java", "package a; public class Hidden { static void main(String[] args) {} }");
        assertThat(MainClassFinder.find(compiled())).isEmpty();
    }

    @Test
    void aMissingDirectoryHasNoneAndABrokenClassFileIsReported() throws IOException {
        assertThat(MainClassFinder.find(dir.resolve("nowhere"))).isEmpty();
        Files.createDirectories(dir.resolve("bad"));
        Files.write(dir.resolve("bad/Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0});
        assertThatThrownBy(() -> MainClassFinder.find(dir.resolve("bad")))
                .isInstanceOf(IOException.class).hasMessageContaining("Broken.class");
    }
}
