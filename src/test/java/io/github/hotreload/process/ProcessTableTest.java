package io.github.hotreload.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one-pass search of the process table that stopping a tree relies on, on real processes. */
class ProcessTableTest {

    private final String tag = "t-" + UUID.randomUUID();
    private final byte[] marker = (ProcessSupervisor.TAG_VARIABLE + "=" + tag).getBytes(StandardCharsets.UTF_8);
    private Process tagged;
    private Process untagged;

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] {tagged, untagged}) {
            if (p != null) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static Process sleeper(String tag) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sleep", "600");
        if (tag != null) {
            pb.environment().put(ProcessSupervisor.TAG_VARIABLE, tag);
        }
        return pb.start();
    }

    @Test
    void findsATaggedProcessByItsEnvironmentOnlyWhenItIsNotOlderThanTheTree() throws Exception {
        tagged = sleeper(tag);
        ProcessTable.Entry entry = ProcessTable.read(tagged.pid());
        assertThat(entry).isNotNull();

        assertThat(ProcessTable.tree(-1, 0, marker, -1)).as("start unknown: every environment is read")
                .containsExactly(tagged.pid());
        assertThat(ProcessTable.tree(-1, 0, marker, entry.start())).as("started with the tree")
                .containsExactly(tagged.pid());
        assertThat(ProcessTable.tree(-1, 0, marker, entry.start() + 1)).as("started before the tree")
                .isEmpty();
    }

    @Test
    void theRootCountsOnlyWhileItIsTheProcessThatStartedThen() throws Exception {
        untagged = sleeper(null);
        long start = ProcessTable.read(untagged.pid()).start();

        assertThat(ProcessTable.tree(untagged.pid(), 0, marker, start)).containsExactly(untagged.pid());
        assertThat(ProcessTable.tree(untagged.pid(), 0, marker, start - 1))
                .as("another process with the root's pid (the pid was reused)").isEmpty();
    }

    @Test
    void takesInTheDescendantsOfEveryMember() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "sleep 600 & echo $!; wait");
        tagged = pb.start(); // untagged: only its parent links tie its child to it
        long child = Long.parseLong(new BufferedReader(new InputStreamReader(tagged.getInputStream(),
                StandardCharsets.US_ASCII)).readLine().trim());
        long start = ProcessTable.read(tagged.pid()).start();
        try {
            assertThat(ProcessTable.tree(tagged.pid(), 0, marker, start)).containsExactly(tagged.pid(), child);
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aLaterPassSkipsWhatAnEarlierFoundOutsideAndStillFindsWhatStartedSince() throws Exception {
        untagged = sleeper(null);
        // a root that starts a child once told to, after the first pass
        tagged = new ProcessBuilder("sh", "-c", "read go; sleep 600 & echo $!; wait").start();
        long start = ProcessTable.read(tagged.pid()).start();
        java.util.Set<Long> outsiders = new java.util.HashSet<>();

        assertThat(ProcessTable.tree(tagged.pid(), 0, marker, start, outsiders)).containsExactly(tagged.pid());
        assertThat(outsiders).as("what the pass found outside the tree").contains(untagged.pid())
                .doesNotContain(tagged.pid());

        tagged.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
        tagged.getOutputStream().flush();
        long child = Long.parseLong(new BufferedReader(new InputStreamReader(tagged.getInputStream(),
                StandardCharsets.US_ASCII)).readLine().trim());
        try {
            assertThat(ProcessTable.tree(tagged.pid(), 0, marker, start, outsiders)).as("the child started since")
                    .containsExactly(tagged.pid(), child);
            outsiders.add(tagged.pid());
            assertThat(ProcessTable.tree(tagged.pid(), 0, marker, start, outsiders))
                    .as("a process given as outside is not read again, nor are its children found through it")
                    .doesNotContain(tagged.pid());
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void findMatchesATagPrefixAcrossTheTable() throws Exception {
        tagged = sleeper(tag + "/svc");
        List<Long> found = ProcessTable.find(0, (ProcessSupervisor.TAG_VARIABLE + "=" + tag + "/")
                .getBytes(StandardCharsets.UTF_8), true);
        assertThat(found).containsExactly(tagged.pid());
    }

    @Test
    void readsTheStatLineOfARealProcessAsPsDoes() throws Exception {
        untagged = sleeper(null);
        ProcessTable.Entry e = ProcessTable.read(untagged.pid());
        Process ps = new ProcessBuilder("ps", "-o", "ppid=,pgid=", "-p", Long.toString(untagged.pid())).start();
        String[] fields = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        ps.waitFor();
        assertThat(e.parent()).isEqualTo(Long.parseLong(fields[0]));
        assertThat(e.group()).isEqualTo(Long.parseLong(fields[1]));
        assertThat(e.isGone()).isFalse();
        assertThat(e.start()).isPositive();
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        byte[] line = "4242 (my (odd) name) S 17 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 123456 0 0\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        ProcessTable.Entry e = ProcessTable.parseStat(4242, line, line.length);

        assertThat(e).isEqualTo(new ProcessTable.Entry(4242, 17, 4242, 'S', 123456));
        assertThat(ProcessTable.parseStat(4242, line, 30)).as("a line cut short").isNull();
    }
}
