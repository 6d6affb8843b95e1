package org.vigie.directory.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an extract line by line from bytes, so that each line is decoded on its own: UTF-8 when
 * it is valid UTF-8, else Windows-1252 (older extracts and files saved by spreadsheet software),
 * else the line is reported as broken, never silently mangled.
 */
public final class LineReader implements AutoCloseable {

    /** One line: its number (1 for the header), its text, or null when no encoding fits. */
    public record Line(long number, String text) {
        public boolean broken() {
            return text == null;
        }
    }

    /** A line longer than this is broken (a real row is under 1 KB): it bounds the memory a bad file can take. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[4096];
    private long number;
    private long bytesRead;
    private final CharsetDecoder utf8 = strict(StandardCharsets.UTF_8);
    private final CharsetDecoder windows1252 = strict(Charset.forName("windows-1252"));

    public LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the file. */
    public Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
                bytesRead += limit;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length == line.length) {
                if (length >= MAX_LINE_BYTES) {
                    tooLong = true;
                    continue;
                }
                line = Arrays.copyOf(line, length * 2);
            }
            if (!tooLong) {
                line[length++] = b;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF ? 3 : 0; // UTF-8 byte order mark
        return new Line(number, tooLong ? null : decode(line, start, length - start));
    }

    /** Bytes consumed from the file so far (for progress). */
    public long bytesRead() {
        return bytesRead - (limit - position);
    }

    private String decode(byte[] bytes, int offset, int length) {
        String text = decode(utf8, bytes, offset, length);
        if (text == null) {
            text = decode(windows1252, bytes, offset, length);
        }
        if (text == null || hasControlCharacters(text)) {
            return null;
        }
        return text;
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int offset, int length) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\uFFFD') {
                return true;
            }
        }
        return false;
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
