package io.github.hotreload.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Login codes: each opens once, within an hour, and unused ones do not pile up. */
class AccessTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Access access = new Access("token", true, now::get);

    @Test
    void aCodeOpensOnceWithinItsLifetime() {
        String code = access.newLoginCode();
        now.addAndGet(Access.LOGIN_CODE_LIFETIME.toNanos() - 1);

        assertThat(access.login(code)).isNotNull();
        assertThat(access.login(code)).as("used already").isNull();
    }

    @Test
    void aCodeLeftInAScrollbackOpensNothingLater() {
        String code = access.newLoginCode();
        now.addAndGet(Access.LOGIN_CODE_LIFETIME.toNanos() + 1);

        assertThat(access.login(code)).isNull();
    }

    @Test
    void theOldestUnusedCodesGoFirst() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i <= Access.MAX_LOGIN_CODES; i++) {
            codes.add(access.newLoginCode());
        }

        assertThat(access.login(codes.get(0))).as("the oldest, dropped").isNull();
        assertThat(access.login(codes.get(1))).isNotNull();
        assertThat(access.login(codes.get(Access.MAX_LOGIN_CODES))).isNotNull();
    }
}
