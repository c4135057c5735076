package io.bulwark.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The snapshot byte form must never change: recorded snapshot hashes depend on every byte. The writer
 * produces exactly what {@link DataOutputStream} writes for the same calls, and the reader reads it back.
 */
class CanonicalWriterTests {

    private static byte[] reference(long number, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(number);
        out.writeUTF(text);
        out.writeLong(-number);
        return bytes.toByteArray();
    }

    @Property(tries = 2000)
    void writesExactlyWhatDataOutputStreamWrites(@ForAll long number, @ForAll @StringLength(max = 300) String text)
            throws IOException {
        byte[] written = new CanonicalWriter()
                .writeLong(number)
                .writeString(text)
                .writeLong(-number)
                .toByteArray();
        assertThat(written).isEqualTo(reference(number, text));
        CanonicalReader in = new CanonicalReader(written);
        assertThat(in.readLong()).isEqualTo(number);
        assertThat(in.readString()).isEqualTo(text);
        assertThat(in.readLong()).isEqualTo(-number);
        in.expectEnd();
    }

    @Test
    void nulSupplementaryAndLongStringsMatchToo() throws IOException {
        for (String text : new String[] {"", "\u0000", "a\u0000b", "é€", "𝄞 clef", "x".repeat(100_000 / 2)}) {
            assertThat(new CanonicalWriter()
                            .writeLong(7)
                            .writeString(text)
                            .writeLong(-7)
                            .toByteArray())
                    .as(text.length() > 20 ? "long string" : text)
                    .isEqualTo(reference(7, text));
        }
        CanonicalWriter many = new CanonicalWriter();
        for (int i = 0; i < 20_000; i++) {
            many.writeDecimal(new BigDecimal(i).movePointLeft(3));
        }
        assertThat(many.toByteArray()).hasSizeGreaterThan(1 << 16); // past the first buffer
    }

    @Test
    void refusesAStringOverTheLengthLimitLikeDataOutputStream() {
        String tooLong = "€".repeat(21_846); // 65,538 bytes in modified UTF-8
        assertThatThrownBy(() -> new CanonicalWriter().writeString(tooLong)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> reference(0, tooLong)).isInstanceOf(IOException.class);
    }

    @Test
    void aTruncatedOrPaddedSnapshotIsCorrupt() {
        byte[] whole =
                new CanonicalWriter().writeLong(1).writeString("é-and-ascii").toByteArray();
        for (int cut = 0; cut < whole.length; cut++) {
            CanonicalReader in = new CanonicalReader(java.util.Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> {
                        in.readLong();
                        in.readString();
                    })
                    .isInstanceOf(CorruptSnapshotException.class);
        }
        CanonicalReader padded = new CanonicalReader(java.util.Arrays.copyOf(whole, whole.length + 1));
        padded.readLong();
        assertThat(padded.readString()).isEqualTo("é-and-ascii");
        assertThatThrownBy(padded::expectEnd).isInstanceOf(CorruptSnapshotException.class);
    }
}
