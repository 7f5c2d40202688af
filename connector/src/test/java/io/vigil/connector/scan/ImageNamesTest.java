package io.vigil.connector.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connector.chain.ImageKind;
import io.vigil.connector.chain.ImageName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageNamesTest {

    private final ImageNames names = ImageNames.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "C_VOL-b001.spf,                 C_VOL,      b001, BASE,        0,  0",
        "C_VOL-b001-i001.spi,            C_VOL,      b001, INCREMENTAL, 1,  1",
        "C_VOL-b001-i001-i024-cd.spi,    C_VOL,      b001, DAILY,       1,  24",
        "C_VOL-b001-i025-i168-cw.spi,    C_VOL,      b001, WEEKLY,      25, 168",
        "C_VOL-b002-i001-i720-cm.spi,    C_VOL,      b002, MONTHLY,     1,  720",
        "SRV01_C_VOL-B003-I007.SPI,      SRV01_C_VOL, B003, INCREMENTAL, 7,  7",
        "My Volume-1-b001-i002.spi,      My Volume-1, b001, INCREMENTAL, 2,  2",
        "C_VOL-b1-i1.spi,                C_VOL,      b1,   INCREMENTAL, 1,  1",
    })
    void readsEachKindOfImageName(String file, String volume, String base, ImageKind kind, long first, long last) {
        ReadResult result = names.read(file);

        assertThat(result).isInstanceOf(ReadResult.Parsed.class);
        ImageName name = ((ReadResult.Parsed) result).name();
        assertThat(name.volume()).isEqualTo(volume);
        assertThat(name.baseLabel()).isEqualTo(base);
        assertThat(name.kind()).isEqualTo(kind);
        assertThat(name.first()).isEqualTo(first);
        assertThat(name.last()).isEqualTo(last);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "notes.txt                       | not an image file",
        "C_VOL-b001.spf.md5              | not an image file",
        "C_VOL.spf                       | no base segment",
        "-b001.spf                       | no base segment",
        "C_VOL-b001-i001-i002-cx.spi     | not an incremental",
        "C_VOL-b001-i001-cd.spi          | not an incremental",
        "C_VOL-b001-i003-i001-cw.spi     | weekly consolidation ends (i001) before it starts (i003)",
        "C_VOL-b001-i000-i003-cm.spi     | incremental numbers start at i001",
        "C_VOL-b001-i1234567890.spi      | not an incremental",
    })
    void rejectsNamesWithAReason(String file, String reasonStart) {
        ReadResult result = names.read(file);

        assertThat(result).isInstanceOf(ReadResult.Rejected.class);
        assertThat(((ReadResult.Rejected) result).reason()).startsWith(reasonStart);
    }
}
