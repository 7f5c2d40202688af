package io.vigil.connector.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connector.chain.ImageKind;
import io.vigil.connector.chain.ImageName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The naming grammar, on the names the vendors document: ShadowProtect user guide, "File Naming Conventions"
 * ({@code C_Vol-b001.spf}, {@code C_Vol-b001-d001-i000.spi}, {@code C_Vol-b001-d001.spi},
 * {@code C_Vol-b001-i001.spi}, {@code C_Vol-b001-d001-i001.spi}); ImageManager user guide, "Consolidating
 * Backup Image Files" ({@code D_VOL-b001-i005-cd.spi}, {@code D_VOL-b001-i026-cw.spi},
 * {@code D_VOL-b001-i097-cm.spi}, {@code D_VOL-b001-i097-cd-cm-cr.spi}); stacked suffixes as they appear in real
 * listings ({@code C_VOL-b001-i001-cd-cw.spi}, {@code D_VOL-b001-i1971-cd-cw.spi}).
 */
class ImageNamesTest {

    private final ImageNames names = new ImageNames();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            C_Vol-b001.spf                        | C_Vol               | b001 | 0 | 0    | BASE
            C_Vol-b001-d001-i000.spi              | C_Vol               | b001 | 1 | 0    | DIFFERENTIAL
            C_Vol-b001-d001.spi                   | C_Vol               | b001 | 1 | 0    | DIFFERENTIAL
            C_Vol-b001-i001.spi                   | C_Vol               | b001 | 0 | 1    | INCREMENTAL
            C_Vol-b001-d000-i003.spi              | C_Vol               | b001 | 0 | 3    | INCREMENTAL
            C_Vol-b001-d001-i001.spi              | C_Vol               | b001 | 1 | 1    | INCREMENTAL
            D_VOL-b001-i005-cd.spi                | D_VOL               | b001 | 0 | 5    | DAILY
            D_VOL-b001-i026-cw.spi                | D_VOL               | b001 | 0 | 26   | WEEKLY
            D_VOL-b001-i097-cm.spi                | D_VOL               | b001 | 0 | 97   | MONTHLY
            D_VOL-b001-i097-cd-cm-cr.spi          | D_VOL               | b001 | 0 | 97   | ROLLING
            C_VOL-b001-i001-cd-cw.spi             | C_VOL               | b001 | 0 | 1    | WEEKLY
            D_VOL-b001-i1971-cd-cw.spi            | D_VOL               | b001 | 0 | 1971 | WEEKLY
            C_VOL-b001-i1971.spi                  | C_VOL               | b001 | 0 | 1971 | INCREMENTAL
            System Reserved_VOL-b001-i002.spi     | System Reserved_VOL | b001 | 0 | 2    | INCREMENTAL
            My Volume-b2-b001-i002-cd.spi         | My Volume-b2        | b001 | 0 | 2    | DAILY
            SRV_C_VOL-B003-I007-CD-CW.SPI         | SRV_C_VOL           | B003 | 0 | 7    | WEEKLY
            """)
    void readsTheDocumentedNames(String file, String volume, String base, long line, long number, ImageKind kind) {
        FileName read = names.read(file);

        assertThat(read).isInstanceOf(FileName.Image.class);
        ImageName name = ((FileName.Image) read).name();
        assertThat(name.volume()).isEqualTo(volume);
        assertThat(name.baseLabel()).isEqualTo(base);
        assertThat(name.line()).isEqualTo(line);
        assertThat(name.number()).isEqualTo(number);
        assertThat(name.kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            C_VOL-b001-i005.md5          | c_vol-b001-i005
            C_VOL-b001.md5               | c_vol-b001
            C_VOL-b001-i001-cd-cw.md5    | c_vol-b001-i001-cd-cw
            C_VOL-b001-i005.spi.md5      | c_vol-b001-i005
            """)
    void checksumsNameTheirImage(String file, String stem) {
        assertThat(names.read(file)).isEqualTo(new FileName.Checksum(stem));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C_VOL-b001.spk", "C_VOL-b001-i005.spwb", "C_VOL-b001-i005.bitmap", "C_VOL-b001.cr",
            "Thumbs.db", "desktop.ini", "DESKTOP.INI"})
    void keyFilesBitmapsAndWindowsClutterAreIgnored(String file) {
        assertThat(names.read(file)).isEqualTo(FileName.IGNORED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C_VOL-b001.sp2", "C_VOL-b001-i005.sp3", "C_VOL-b001-i005.SP12"})
    void spannedPartsBelongToTheirImage(String file) {
        assertThat(names.read(file)).isInstanceOf(FileName.Part.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C_VOL-b001bad.log", "C_VOL-b001-i005bad.log", "C_VOL-b001.spfbad.log",
            "C_VOL-b001-i005-bad.log"})
    void badLogsMarkTheirChain(String file) {
        assertThat(names.read(file)).isEqualTo(new FileName.VerificationFailure("C_VOL", 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            notes.txt                       | not an image file
            C_VOL-i001.spi                  | not an image name
            C_VOL-b001.spi                  | a base image ends in .spf
            C_VOL-b001-i001.spf             | a .spf file is a base image
            C_VOL-b001-i000.spi             | -d000/-i000 alone name no image
            C_VOL-b001-d001-cd.spi          | only incrementals are consolidated
            C_VOL-b001-i001-i024-cd.spi     | not an image name
            C_VOL-b001-i001-cx.spi          | not an image name
            -b001.spf                       | not an image name
            C_VOL-b0000000001.spf           | not an image name
            notes.md5                       | a .md5 file must be named after its image
            readme.sp2                      | a spanned part
            somethingbad.log                | a verification log must be named after an image
            """)
    void rejectsOtherNamesWithAReason(String file, String reason) {
        FileName read = names.read(file);

        assertThat(read).isInstanceOf(FileName.Rejected.class);
        assertThat(((FileName.Rejected) read).reason()).contains(reason);
    }
}
