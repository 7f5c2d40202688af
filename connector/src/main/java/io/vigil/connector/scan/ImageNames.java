package io.vigil.connector.scan;

import io.vigil.connector.chain.ImageKind;
import io.vigil.connector.chain.ImageName;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the names ShadowProtect and ImageManager give the files of a managed folder, without opening them.
 *
 * <p>Images: {@code VOLUME-bB.spf} (base), {@code VOLUME-bB[-dD][-iI].spi} (ShadowProtect user guide, "File
 * Naming Conventions": {@code <volume-identifier>-b<base-seq>-d<diff-seq>-i<inc-seq>.<extension>}, where
 * {@code -d000}/{@code -i000} mean "relies on no other differential/incremental"), followed by any number of
 * ImageManager consolidation suffixes {@code -cd -cw -cm -cr} (ImageManager user guide, "Consolidating
 * Backup Image Files": {@code D_VOL-b001-i005-cd.spi}, {@code D_VOL-b001-i097-cd-cm-cr.spi}). The name is
 * read from its end, so VOLUME may itself hold {@code -}, spaces and {@code _}. Letters are case-insensitive
 * and numbers have 1 to 9 digits.
 *
 * <p>Sidecars: {@code STEM.md5}, spanned parts {@code STEM.spN}, {@code {image name}bad.log}, and files
 * that say nothing about a chain ({@code .spk .spwb .bitmap .cr}, {@code Thumbs.db}, {@code desktop.ini}).
 */
public final class ImageNames {

    private static final Set<String> SILENT_EXTENSIONS = Set.of("spk", "spwb", "bitmap", "cr");
    private static final Set<String> CLUTTER = Set.of("thumbs.db", "desktop.ini", "$recycle.bin",
            "system volume information");
    private static final String VERIFICATION_LOG = "bad.log";
    private static final String GRAMMAR = "VOLUME-bNNN.spf, or VOLUME-bNNN[-dNNN][-iNNN][-cd|-cw|-cm|-cr...].spi";

    /** Windows' own files and folders, skipped wherever they are. */
    public static boolean isClutter(String fileName) {
        return CLUTTER.contains(fileName.toLowerCase(Locale.ROOT));
    }

    public FileName read(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (CLUTTER.contains(lower)) {
            return FileName.IGNORED;
        }
        if (lower.endsWith(VERIFICATION_LOG)) {
            return verificationLog(fileName);
        }
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return new FileName.Rejected(notAnImage());
        }
        String stem = fileName.substring(0, dot);
        String extension = lower.substring(dot + 1);
        switch (extension) {
            case "spf", "spi" -> {
                return image(stem, extension);
            }
            case "md5" -> {
                String imageStem = withoutImageExtension(stem);
                return Stem.parse(imageStem) instanceof Stem.Valid
                        ? new FileName.Checksum(imageStem.toLowerCase(Locale.ROOT))
                        : new FileName.Rejected("a .md5 file must be named after its image (" + GRAMMAR + ")");
            }
            default -> {
                if (SILENT_EXTENSIONS.contains(extension)) {
                    return FileName.IGNORED;
                }
                if (isSpannedPart(extension)) {
                    return Stem.parse(stem) instanceof Stem.Valid
                            ? new FileName.Part(stem.toLowerCase(Locale.ROOT))
                            : new FileName.Rejected("a spanned part (.sp2, .sp3...) must be named after its image");
                }
                return new FileName.Rejected(notAnImage());
            }
        }
    }

    private static FileName image(String stem, String extension) {
        Stem parsed = Stem.parse(stem);
        if (parsed instanceof Stem.Invalid invalid) {
            return new FileName.Rejected(invalid.reason());
        }
        ImageName name = ((Stem.Valid) parsed).name();
        if (extension.equals("spf") && name.kind() != ImageKind.BASE) {
            return new FileName.Rejected("a .spf file is a base image, named VOLUME-bNNN.spf");
        }
        if (extension.equals("spi") && name.kind() == ImageKind.BASE) {
            return new FileName.Rejected("a base image ends in .spf; a .spi file needs -dNNN or -iNNN");
        }
        return new FileName.Image(name);
    }

    /** {@code C_VOL-b001-i005bad.log}, also with {@code .spi}/{@code .spf} or a separator before {@code bad.log}. */
    private static FileName verificationLog(String fileName) {
        String prefix = fileName.substring(0, fileName.length() - VERIFICATION_LOG.length());
        while (!prefix.isEmpty() && "-_. ".indexOf(prefix.charAt(prefix.length() - 1)) >= 0) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (Stem.parse(withoutImageExtension(prefix)) instanceof Stem.Valid valid) {
            return new FileName.VerificationFailure(valid.name().volume(), valid.name().baseNumber());
        }
        return new FileName.Rejected("a verification log must be named after an image: {image name}bad.log");
    }

    /** {@code X.spf} and {@code X.spi} to {@code X}; anything else as it is. */
    private static String withoutImageExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".spf") || lower.endsWith(".spi") ? name.substring(0, name.length() - 4) : name;
    }

    private static boolean isSpannedPart(String extension) {
        if (extension.length() < 3 || extension.length() > 5 || !extension.startsWith("sp")) {
            return false;
        }
        for (int i = 2; i < extension.length(); i++) {
            if (!Character.isDigit(extension.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String notAnImage() {
        return "not an image file: expected " + GRAMMAR + ", or a sidecar (.md5, .spk, .spwb, .bitmap, .sp2...)";
    }

    /** An image name without its extension, read from the end. */
    private sealed interface Stem {
        record Valid(ImageName name) implements Stem {}

        record Invalid(String reason) implements Stem {}

        static Stem parse(String stem) {
            int end = stem.length();
            ImageKind consolidated = null;
            while (end >= 3 && stem.charAt(end - 3) == '-' && Character.toLowerCase(stem.charAt(end - 2)) == 'c'
                    && ImageKind.ofSuffixLetter(stem.charAt(end - 1)) != null) {
                ImageKind kind = ImageKind.ofSuffixLetter(stem.charAt(end - 1));
                if (consolidated == null || kind.level() > consolidated.level()) {
                    consolidated = kind;
                }
                end -= 3;
            }
            Segment incremental = Segment.before(stem, end, 'i');
            if (incremental != null) {
                end = incremental.start();
            }
            Segment differential = Segment.before(stem, end, 'd');
            if (differential != null) {
                end = differential.start();
            }
            Segment base = Segment.before(stem, end, 'b');
            if (base == null || base.start() == 0 || stem.substring(0, base.start()).isBlank()) {
                return new Invalid("not an image name: expected " + GRAMMAR);
            }
            String volume = stem.substring(0, base.start());
            String baseLabel = stem.substring(base.start() + 1, end);
            long line = differential == null ? 0 : differential.number();
            long number = incremental == null ? 0 : incremental.number();
            if (consolidated != null) {
                if (number == 0) {
                    return new Invalid("only incrementals are consolidated: -cd/-cw/-cm/-cr need -iNNN with NNN >= 1");
                }
                return new Valid(ImageName.consolidated(volume, baseLabel, base.number(), line, number, consolidated));
            }
            if (number > 0) {
                return new Valid(ImageName.incremental(volume, baseLabel, base.number(), line, number));
            }
            if (line > 0) {
                return new Valid(ImageName.differential(volume, baseLabel, base.number(), line));
            }
            if (differential == null && incremental == null) {
                return new Valid(ImageName.base(volume, baseLabel, base.number()));
            }
            return new Invalid("-d000/-i000 alone name no image: a differential is -dNNN, an incremental -iNNN (NNN >= 1)");
        }
    }

    /** {@code -X} followed by 1 to 9 digits, ending at {@code end}. */
    private record Segment(int start, long number) {
        static Segment before(String s, int end, char letter) {
            int digits = end;
            while (digits > 0 && end - digits < 10 && isAsciiDigit(s.charAt(digits - 1))) {
                digits--;
            }
            int count = end - digits;
            if (count < 1 || count > 9 || digits < 2) {
                return null;
            }
            if (Character.toLowerCase(s.charAt(digits - 1)) != letter || s.charAt(digits - 2) != '-') {
                return null;
            }
            return new Segment(digits - 2, Long.parseLong(s, digits, end, 10));
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
