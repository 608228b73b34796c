package io.github.hotreload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void closingReturnsWhatWaitedAndRefusesEverythingAfter() throws Exception {
        Mailbox<String> box = new Mailbox<>();
        assertThat(box.offer("a")).isTrue();
        assertThat(box.offer("b")).isTrue();
        assertThat(box.poll(0)).isEqualTo("a");

        assertThat(box.close()).containsExactly("b");

        assertThat(box.isClosed()).isTrue();
        assertThat(box.offer("c")).as("a sender learns that nobody will take it").isFalse();
        assertThat(box.close()).isEqualTo(List.of());
    }
}
