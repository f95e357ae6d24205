package org.sbi4j.runtime.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.sbi4j.api.SbiException;

/**
 * Decodes the bytes of a text file sbi4j reads (configs, CSV files): UTF-8, with or without a byte-order mark,
 * and UTF-16 with a byte-order mark (as spreadsheets save "Unicode text"); anything else is refused with a
 * message that says how to save the file.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * Decodes a file's bytes.
     *
     * @param bytes the file's content
     * @param file the file, for messages
     * @return the text, without a byte-order mark
     */
    public static String decode(byte[] bytes, Path file) {
        String text;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            text = strict(bytes, 3, StandardCharsets.UTF_8, file);
        } else if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            text = strict(bytes, 0, StandardCharsets.UTF_16, file);
        } else {
            text = strict(bytes, 0, StandardCharsets.UTF_8, file);
        }
        if (text.indexOf('\0') >= 0) {
            throw SbiException.userError(file + " contains NUL characters: it looks like UTF-16 text without a "
                    + "byte-order mark. Save it as UTF-8 text (in a spreadsheet: 'CSV UTF-8')");
        }
        return text;
    }

    private static String strict(byte[] bytes, int offset, Charset charset, Path file) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw SbiException.userError(file + " is not " + charset.name() + " text (a byte sequence that is not "
                    + "valid " + charset.name() + "). Save it as UTF-8 text (in a spreadsheet: 'CSV UTF-8')");
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
