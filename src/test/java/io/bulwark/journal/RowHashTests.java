package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The row hash from UTF-8 parts (as {@link JournalCopy} computes it) is the hash of the joined text. */
class RowHashTests {
    @Property(tries = 300)
    void theHashOfUtf8PartsIsTheHashOfTheJoinedText(
            @ForAll String previous,
            @ForAll long sequence,
            @ForAll long ts,
            @ForAll String command,
            @ForAll String events,
            @ForAll String actor) {
        RowHash hash = new RowHash();
        assertThat(hash.next(
                        previous,
                        sequence,
                        ts,
                        command.getBytes(StandardCharsets.UTF_8),
                        events.getBytes(StandardCharsets.UTF_8),
                        actor.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hash.next(previous, sequence, ts, command, events, actor));
    }

    @Property(tries = 100)
    void lonelySurrogatesHashTheSameEitherWay(@ForAll char c, @ForAll String rest) {
        RowHash hash = new RowHash();
        String odd = c + rest + c;
        assertThat(hash.next(
                        odd,
                        1,
                        2,
                        odd.getBytes(StandardCharsets.UTF_8),
                        odd.getBytes(StandardCharsets.UTF_8),
                        odd.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hash.next(odd, 1, 2, odd, odd, odd));
    }
}
