package io.github.hotreload.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellCommandTest {

    @Test
    void simpleCommandsReplaceTheShell() {
        assertThat(new ShellCommand("cargo build --bin x").argv())
                .containsExactly("/bin/sh", "-c", "exec cargo build --bin x");
        assertThat(new ShellCommand("RUST_LOG=debug ./tmp/main --port \"$PORT\"").isSimple()).isTrue();
        assertThat(new ShellCommand("env -u X nice -n 5 ./server").isSimple()).isTrue();
    }

    @Test
    void compoundCommandsAndBuiltinsKeepTheShell() {
        for (String c : List.of("make && ./run", "a | b", "a; b", "(cd x; make)", "echo $(date)", "exec ./x", "exit 0",
                "cd sub", "X=1 export Y", "FOO=bar")) {
            assertThat(new ShellCommand(c).isSimple()).as(c).isFalse();
            assertThat(new ShellCommand(c).argv()).as(c).containsExactly("/bin/sh", "-c", c);
        }
    }

    @Test
    void findsTheProgramsToLookUp() {
        assertThat(new ShellCommand("cargo build").programs()).containsExactly("cargo");
        assertThat(new ShellCommand("RUST_LOG=1 FOO='a b' ./target/debug/x").programs()).containsExactly("./target/debug/x");
        assertThat(new ShellCommand("cd web && npm run build; go build -o ./tmp/main .").programs())
                .containsExactly("npm", "go");
        assertThat(new ShellCommand("exec env -i node server.js | tee log").programs()).containsExactly("node", "tee");
        assertThat(new ShellCommand("$TOOL build").programs()).isEmpty();
        assertThat(new ShellCommand("env -u HOTRELOAD_TAG X=1 setsid nice -n 5 timeout -s KILL 10s ./server &").programs())
                .containsExactly("./server");
        assertThat(new ShellCommand("exec -a name java -jar app.jar").programs()).containsExactly("java");
        // names in arithmetic are variables: a build that counts is not refused for a missing 'n'
        assertThat(new ShellCommand("n=$(cat n.txt); seq 1 $((n - 1)) | sed 's/^/x /'; echo $(( n*2 ))").programs())
                .containsExactly("cat", "seq", "sed");
        assertThat(new ShellCommand("grep -q X f && { echo 'no; really' >&2; exit 3; }; make 2>&1 | tee log &> /dev/null")
                        .programs())
                .containsExactly("grep", "make", "tee");
    }

    @Test
    void locatesProgramsOnPathOrRelativeToTheDirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bin = dir.resolve("bin");
        java.nio.file.Files.createDirectories(bin);
        Path tool = java.nio.file.Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
        tool.toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", "/nonexistent:" + bin);
        assertThat(ShellCommand.locate("tool", dir, env)).contains(tool);
        assertThat(ShellCommand.locate("./bin/tool", dir, env)).contains(dir.resolve("./bin/tool"));
        assertThat(ShellCommand.locate("missing-tool", dir, env)).isEmpty();
    }

    @Test
    void quotesWordsForTheShell() {
        assertThat(ShellCommand.quote("target/debug/app")).isEqualTo("target/debug/app");
        assertThat(ShellCommand.quote("/my dir/it's")).isEqualTo("'/my dir/it'\\''s'");
    }
}
