package io.batchplane.kubelet.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The last lines of a log file, for {@code tailLines}. */
public final class LogTail {

    private LogTail() {
    }

    /**
     * The byte offset in {@code content} where its last {@code lines} lines start (a final line without
     * a newline counts as a line); 0 when it has no more lines than that; a negative {@code lines} means all.
     */
    public static int offsetOfLastLines(byte[] content, long lines) {
        if (lines < 0) {
            return 0;
        }
        if (lines == 0) {
            return content.length;
        }
        int end = content.length;
        if (end > 0 && content[end - 1] == '\n') {
            end--;
        }
        long seen = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (content[i] == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return 0;
    }

    public static String tail(Path file, long lines) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int from = offsetOfLastLines(all, lines);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
